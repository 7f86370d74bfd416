CREATE TABLE "reseller_budget_quotas" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"distributor_id" varchar(64) NOT NULL,
	"enabled" boolean NOT NULL,
	"monthly_quota" numeric(20, 2) NOT NULL,
	"one_time_quota" numeric(20, 2) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reseller_budget_quotas_partner_unique" ON "reseller_budget_quotas" USING btree ("partner_id");