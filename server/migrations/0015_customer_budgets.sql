CREATE TABLE "budget_alerts" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"budget_id" varchar(64) NOT NULL,
	"period" varchar(7) NOT NULL,
	"threshold" integer NOT NULL,
	"budget_amount" numeric(20, 2) NOT NULL,
	"used_amount" numeric(20, 2) NOT NULL,
	"mailed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_budgets" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"budget_type" varchar(16) NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"exhaustion_action" varchar(16) NOT NULL,
	"period" varchar(7) NOT NULL,
	"used_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"alerted_percent" integer DEFAULT 0 NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"frozen_by_budget" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "budget_alerts_once" ON "budget_alerts" USING btree ("budget_id","period","threshold");--> statement-breakpoint
CREATE INDEX "budget_alerts_partner_id_created_at_index" ON "budget_alerts" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_budgets_customer_unique" ON "customer_budgets" USING btree ("partner_id","customer_id");