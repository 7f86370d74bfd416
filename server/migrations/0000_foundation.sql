CREATE TABLE "audit_events" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"event_type" varchar(32) NOT NULL,
	"event_source" varchar(16) NOT NULL,
	"action" varchar(96) NOT NULL,
	"resource_type" varchar(64) NOT NULL,
	"resource_id" varchar(128) NOT NULL,
	"resource_name" varchar(255) DEFAULT '' NOT NULL,
	"actor_type" varchar(16) NOT NULL,
	"actor_id" varchar(64) NOT NULL,
	"actor_name" varchar(255) NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" varchar(64) NOT NULL,
	"source_ip" varchar(64) DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_keys" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"principal_type" varchar(16) NOT NULL,
	"principal_id" varchar(64) NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"description" varchar(255) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"secret_hash" varchar(64) NOT NULL,
	"csrf_token" varchar(64),
	"principal_type" varchar(16) NOT NULL,
	"principal_id" varchar(64) NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"source_ip" varchar(64) DEFAULT '' NOT NULL,
	"user_agent" varchar(512) DEFAULT '' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_roles" (
	"partner_id" varchar(64) NOT NULL,
	"member_id" varchar(64) NOT NULL,
	"role_id" varchar(64) NOT NULL,
	CONSTRAINT "member_roles_member_id_role_id_pk" PRIMARY KEY("member_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"user_name" varchar(64) NOT NULL,
	"display_name" varchar(64) NOT NULL,
	"email" varchar(255) DEFAULT '' NOT NULL,
	"phone" varchar(32) DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"is_owner" boolean DEFAULT false NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"supervisor_id" varchar(64),
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"code" varchar(64) NOT NULL,
	"name" varchar(64) NOT NULL,
	"description" varchar(255) DEFAULT '' NOT NULL,
	"is_preset" boolean DEFAULT false NOT NULL,
	"permissions" text[] NOT NULL,
	"data_scope" varchar(16) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_certifications" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"status" varchar(32) NOT NULL,
	"certified" jsonb,
	"submitted" jsonb,
	"failure_reason" varchar(1024) DEFAULT '' NOT NULL,
	"verification_failures" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" varchar(255) DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_programs" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"name" varchar(128) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"partner_type" varchar(32) NOT NULL,
	"is_open_for_sign_up" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"name" varchar(64) NOT NULL,
	"company_name" varchar(255) NOT NULL,
	"partner_type" varchar(32) NOT NULL,
	"status" varchar(32) NOT NULL,
	"parent_partner_id" varchar(64),
	"program_id" varchar(64),
	"xaccount_type" varchar(64) NOT NULL,
	"email" varchar(255) NOT NULL,
	"phone" varchar(32) DEFAULT '' NOT NULL,
	"address" varchar(512) DEFAULT '' NOT NULL,
	"website" varchar(255) DEFAULT '' NOT NULL,
	"industry" varchar(64) DEFAULT '' NOT NULL,
	"contact_name" varchar(64) DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_up_verifications" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"request" jsonb NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_events_partner_id_occurred_at_index" ON "audit_events" USING btree ("partner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_partner_id_resource_type_resource_id_index" ON "audit_events" USING btree ("partner_id","resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "audit_events_partner_id_actor_id_index" ON "audit_events" USING btree ("partner_id","actor_id");--> statement-breakpoint
CREATE INDEX "access_keys_partner_id_principal_type_principal_id_index" ON "access_keys" USING btree ("partner_id","principal_type","principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_sessions_secret_hash_index" ON "auth_sessions" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "auth_sessions_partner_id_principal_type_principal_id_index" ON "auth_sessions" USING btree ("partner_id","principal_type","principal_id");--> statement-breakpoint
CREATE INDEX "member_roles_partner_id_role_id_index" ON "member_roles" USING btree ("partner_id","role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_partner_id_user_name_index" ON "members" USING btree ("partner_id","user_name");--> statement-breakpoint
CREATE INDEX "members_partner_id_supervisor_id_index" ON "members" USING btree ("partner_id","supervisor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_partner_id_code_index" ON "roles" USING btree ("partner_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_partner_id_name_index" ON "roles" USING btree ("partner_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_certifications_partner_id_index" ON "partner_certifications" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_certifications_status_index" ON "partner_certifications" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_programs_code_index" ON "partner_programs" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_name_index" ON "partners" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_xaccount_type_index" ON "partners" USING btree ("xaccount_type");--> statement-breakpoint
CREATE INDEX "partners_parent_partner_id_index" ON "partners" USING btree ("parent_partner_id");--> statement-breakpoint
CREATE INDEX "sign_up_verifications_email_index" ON "sign_up_verifications" USING btree ("email");