CREATE TABLE "platform_settings" (
	"key" varchar(128) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" varchar(255) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "binding_notifications" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64),
	"bind_action" varchar(1) NOT NULL,
	"url" varchar(1024) NOT NULL,
	"body" text NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"status" varchar(16) NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_response_status" integer,
	"last_error" varchar(1024) DEFAULT '' NOT NULL,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_association_requests" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"initiator" varchar(16) NOT NULL,
	"from_association_type" varchar(2) NOT NULL,
	"to_association_type" varchar(2),
	"reason" varchar(1024) NOT NULL,
	"status" varchar(16) NOT NULL,
	"requested_by" varchar(255) NOT NULL,
	"opinion" varchar(1024) DEFAULT '' NOT NULL,
	"decided_by" varchar(255) DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_authorizations" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"status" varchar(16) NOT NULL,
	"requested_by" varchar(255) NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" varchar(255) DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_invitation_attempts" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"invitation_id" varchar(64) NOT NULL,
	"customer_id" varchar(64),
	"account_name" varchar(64) NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"failure_cause" varchar(64) DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_invitations" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"channel" varchar(8) NOT NULL,
	"token" varchar(64) NOT NULL,
	"email" varchar(255) DEFAULT '' NOT NULL,
	"association_type" varchar(2) NOT NULL,
	"inviter_member_id" varchar(64) NOT NULL,
	"tag" varchar(64) DEFAULT '' NOT NULL,
	"preregistration_id" varchar(64),
	"status" varchar(16) NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"resend_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_preregistrations" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_name" varchar(128) NOT NULL,
	"contact_name" varchar(64) DEFAULT '' NOT NULL,
	"email" varchar(255) DEFAULT '' NOT NULL,
	"mobile" varchar(32) DEFAULT '' NOT NULL,
	"association_type" varchar(2) NOT NULL,
	"status" varchar(16) NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" varchar(64) NOT NULL,
	"customer_id" varchar(64),
	"opinion" varchar(1024) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_association_records" ADD COLUMN "request_id" varchar(64);--> statement-breakpoint
ALTER TABLE "customer_partner_settings" ADD COLUMN "binding_callback_url" varchar(1024) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_partner_settings" ADD COLUMN "referral_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "enterprise_master_id" varchar(64);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "enterprise_sub_mode" varchar(16);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "failed_login_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "binding_notifications_partner_id_created_at_index" ON "binding_notifications" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_association_requests_open_unique" ON "customer_association_requests" USING btree ("customer_id") WHERE "customer_association_requests"."status" in ('pending_customer', 'pending_partner');--> statement-breakpoint
CREATE INDEX "customer_association_requests_partner_id_created_at_index" ON "customer_association_requests" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_association_requests_customer_id_initiator_created_at_index" ON "customer_association_requests" USING btree ("customer_id","initiator","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_authorizations_open_unique" ON "customer_authorizations" USING btree ("partner_id","customer_id") WHERE "customer_authorizations"."status" in ('pending', 'authorized');--> statement-breakpoint
CREATE INDEX "customer_authorizations_customer_id_requested_at_index" ON "customer_authorizations" USING btree ("customer_id","requested_at");--> statement-breakpoint
CREATE INDEX "customer_invitation_attempts_partner_id_occurred_at_index" ON "customer_invitation_attempts" USING btree ("partner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_invitation_attempts_invitation_id_index" ON "customer_invitation_attempts" USING btree ("invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_invitations_token_index" ON "customer_invitations" USING btree ("token");--> statement-breakpoint
CREATE INDEX "customer_invitations_partner_id_channel_created_at_index" ON "customer_invitations" USING btree ("partner_id","channel","created_at");--> statement-breakpoint
CREATE INDEX "customer_invitations_partner_id_email_index" ON "customer_invitations" USING btree ("partner_id","email");--> statement-breakpoint
CREATE INDEX "customer_preregistrations_partner_id_created_at_index" ON "customer_preregistrations" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_preregistrations_name_lower" ON "customer_preregistrations" USING btree (lower("customer_name"));--> statement-breakpoint
CREATE INDEX "customer_association_records_partner_id_occurred_at_index" ON "customer_association_records" USING btree ("partner_id","occurred_at");