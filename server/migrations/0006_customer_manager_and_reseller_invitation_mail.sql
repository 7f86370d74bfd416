DROP INDEX "customers_partner_id_associated_on_index";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "account_manager_id" varchar(64);--> statement-breakpoint
ALTER TABLE "reseller_applications" ADD COLUMN "last_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reseller_applications" ADD COLUMN "sent_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_partner_associated_on_id" ON "customers" USING btree ("partner_id","associated_on" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "customers_partner_manager_associated_on_id" ON "customers" USING btree ("partner_id","account_manager_id","associated_on" DESC NULLS LAST,"id");--> statement-breakpoint
UPDATE "customers" SET "account_manager_id" = "customer_account_managers"."member_id" FROM "customer_account_managers" WHERE "customer_account_managers"."partner_id" = "customers"."partner_id" AND "customer_account_managers"."customer_id" = "customers"."id" AND "customer_account_managers"."ended_at" IS NULL;
