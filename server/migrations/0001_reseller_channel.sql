CREATE TABLE "reseller_applications" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"reseller_partner_id" varchar(64) NOT NULL,
	"direction" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"message" varchar(512) DEFAULT '' NOT NULL,
	"decision_reason" varchar(512) DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" varchar(255) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "parent_associated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reseller_applications_partner_id_status_index" ON "reseller_applications" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "reseller_applications_reseller_partner_id_index" ON "reseller_applications" USING btree ("reseller_partner_id");--> statement-breakpoint
-- Resellers bound before this column existed were bound when they were created.
UPDATE "partners" SET "parent_associated_at" = "created_at" WHERE "parent_partner_id" IS NOT NULL;
