CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "customers_account_name_trgm" ON "customers" USING gin ("account_name" gin_trgm_ops);
