CREATE TABLE "reseller_rights" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"reseller_partner_id" varchar(64) NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" varchar(255) NOT NULL
);
--> statement-breakpoint
DROP INDEX "customer_association_requests_open_unique";--> statement-breakpoint
ALTER TABLE "customer_association_requests" ADD COLUMN "reviewed_by" varchar(255) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_association_requests" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_association_requests" ADD COLUMN "review_opinion" varchar(1024) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_association_requests" ADD COLUMN "reviewer_contact" varchar(255) DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reseller_rights_partner_id_reseller_partner_id_index" ON "reseller_rights" USING btree ("partner_id","reseller_partner_id");--> statement-breakpoint
CREATE INDEX "reseller_rights_reseller_partner_id_index" ON "reseller_rights" USING btree ("reseller_partner_id");--> statement-breakpoint
CREATE INDEX "customer_association_requests_review_queue" ON "customer_association_requests" USING btree ("created_at") WHERE "customer_association_requests"."status" = 'pending_review';--> statement-breakpoint
CREATE UNIQUE INDEX "customer_association_requests_open_unique" ON "customer_association_requests" USING btree ("customer_id") WHERE "customer_association_requests"."status" in ('pending_review', 'pending_customer', 'pending_partner');