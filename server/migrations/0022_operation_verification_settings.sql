CREATE TABLE "operation_verification_settings" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"code_required" boolean DEFAULT false NOT NULL,
	"updated_by" varchar(255) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "operation_verification_settings_partner_id_index" ON "operation_verification_settings" USING btree ("partner_id");