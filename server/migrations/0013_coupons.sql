CREATE TABLE "coupon_operations" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"operation_type" varchar(4) NOT NULL,
	"quota_id" varchar(64) NOT NULL,
	"parent_quota_id" varchar(64),
	"coupon_id" varchar(64),
	"customer_id" varchar(64),
	"customer_name" varchar(255) DEFAULT '' NOT NULL,
	"indirect_partner_id" varchar(64),
	"indirect_partner_name" varchar(255) DEFAULT '' NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"transaction_id" varchar(64) NOT NULL,
	"operator_name" varchar(255) NOT NULL,
	"remark" varchar(256) DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupon_quotas" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"grantor_partner_id" varchar(64) NOT NULL,
	"parent_quota_id" varchar(64),
	"quota_type" integer DEFAULT 0 NOT NULL,
	"quota_value" numeric(20, 2) NOT NULL,
	"status" varchar(16) NOT NULL,
	"scope" jsonb NOT NULL,
	"effective_time" timestamp with time zone NOT NULL,
	"expire_time" timestamp with time zone NOT NULL,
	"remark" varchar(256) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"customer_id" varchar(64) NOT NULL,
	"quota_id" varchar(64) NOT NULL,
	"coupon_type" integer DEFAULT 1 NOT NULL,
	"face_value" numeric(20, 2) NOT NULL,
	"minimum_order_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"scope" jsonb NOT NULL,
	"valid_time" timestamp with time zone NOT NULL,
	"expire_time" timestamp with time zone NOT NULL,
	"memo" varchar(256) DEFAULT '' NOT NULL,
	"status" varchar(16) NOT NULL,
	"reclaimed_amount" numeric(20, 2),
	"reclaimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "coupon_operations_partner_id_occurred_at_index" ON "coupon_operations" USING btree ("partner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "coupon_quotas_partner_id_created_at_index" ON "coupon_quotas" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "coupon_quotas_grantor_partner_id_created_at_index" ON "coupon_quotas" USING btree ("grantor_partner_id","created_at");--> statement-breakpoint
CREATE INDEX "coupons_partner_id_created_at_index" ON "coupons" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "coupons_partner_id_customer_id_index" ON "coupons" USING btree ("partner_id","customer_id");--> statement-breakpoint
CREATE INDEX "coupons_quota_id_index" ON "coupons" USING btree ("quota_id");