DROP INDEX "customers_partner_associated_on_id";--> statement-breakpoint
DROP INDEX "customers_partner_manager_associated_on_id";--> statement-breakpoint
CREATE INDEX "customers_partner_associated_on_id_status" ON "customers" USING btree ("partner_id","associated_on" DESC NULLS LAST,"id","status");--> statement-breakpoint
CREATE INDEX "customers_partner_manager_associated_on_id_status" ON "customers" USING btree ("partner_id","account_manager_id","associated_on" DESC NULLS LAST,"id","status");