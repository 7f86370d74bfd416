CREATE TABLE "customer_account_managers" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"member_id" varchar(64) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_association_records" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"event" varchar(16) NOT NULL,
	"association_type" varchar(2) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" varchar(255) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"account_name" varchar(64) NOT NULL,
	"customer_name" varchar(128) DEFAULT '' NOT NULL,
	"email" varchar(255) DEFAULT '' NOT NULL,
	"mobile" varchar(32) DEFAULT '' NOT NULL,
	"password_hash" varchar(255),
	"xaccount_id" varchar(128) NOT NULL,
	"xaccount_type" varchar(64) NOT NULL,
	"label" varchar(64) DEFAULT '' NOT NULL,
	"association_type" varchar(2) NOT NULL,
	"associated_on" timestamp with time zone NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"is_frozen" integer DEFAULT 0 NOT NULL,
	"verified_status" varchar(2) DEFAULT '-1' NOT NULL,
	"customer_type" integer DEFAULT -1 NOT NULL,
	"customer_level" varchar(2) DEFAULT 'V0' NOT NULL,
	"country_code" varchar(8) DEFAULT '0086' NOT NULL,
	"is_close_market_ms" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"receiver" varchar(32) NOT NULL,
	"scene" integer NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "customer_account_managers_open_unique" ON "customer_account_managers" USING btree ("partner_id","customer_id") WHERE "customer_account_managers"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "customer_account_managers_partner_id_customer_id_started_at_index" ON "customer_account_managers" USING btree ("partner_id","customer_id","started_at");--> statement-breakpoint
CREATE INDEX "customer_account_managers_partner_id_member_id_index" ON "customer_account_managers" USING btree ("partner_id","member_id");--> statement-breakpoint
CREATE INDEX "customer_association_records_partner_id_customer_id_occurred_at_index" ON "customer_association_records" USING btree ("partner_id","customer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_account_name_lower_unique" ON "customers" USING btree (lower("account_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "customers_xaccount_type_xaccount_id_index" ON "customers" USING btree ("xaccount_type","xaccount_id");--> statement-breakpoint
CREATE INDEX "customers_partner_id_associated_on_index" ON "customers" USING btree ("partner_id","associated_on");--> statement-breakpoint
CREATE INDEX "customers_partner_id_association_type_index" ON "customers" USING btree ("partner_id","association_type");--> statement-breakpoint
CREATE INDEX "customers_mobile_index" ON "customers" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "verification_codes_partner_id_receiver_created_at_index" ON "verification_codes" USING btree ("partner_id","receiver","created_at");