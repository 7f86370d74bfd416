CREATE TABLE "customer_partner_settings" (
	"partner_id" varchar(64) PRIMARY KEY NOT NULL,
	"realname_upload_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realname_applications" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"identify_type" integer NOT NULL,
	"document_type" integer,
	"name" varchar(256) NOT NULL,
	"verified_number" varchar(128) NOT NULL,
	"verified_number_masked" varchar(128) NOT NULL,
	"verified_file_url" text[] NOT NULL,
	"reg_country" varchar(8),
	"reg_address" varchar(512),
	"enterprise_person" jsonb,
	"bank_card_info" jsonb,
	"xaccount_type" varchar(64) NOT NULL,
	"status" varchar(16) DEFAULT 'in_review' NOT NULL,
	"opinion" varchar(1024) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" varchar(255)
);
--> statement-breakpoint
CREATE INDEX "realname_applications_partner_id_customer_id_created_at_index" ON "realname_applications" USING btree ("partner_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "realname_applications_status_created_at_index" ON "realname_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "realname_applications_open_unique" ON "realname_applications" USING btree ("customer_id") WHERE "realname_applications"."status" = 'in_review';