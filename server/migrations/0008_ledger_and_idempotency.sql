CREATE TABLE "idempotency_keys" (
	"partner_id" varchar(64) NOT NULL,
	"key" varchar(128) NOT NULL,
	"operation" varchar(96) NOT NULL,
	"fingerprint" varchar(64) NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_partner_id_key_pk" PRIMARY KEY("partner_id","key")
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"owner_type" varchar(16) NOT NULL,
	"owner_id" varchar(64) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"reference" varchar(64) DEFAULT '' NOT NULL,
	"currency" varchar(3) DEFAULT 'CNY' NOT NULL,
	"balance" numeric(20, 2) DEFAULT '0' NOT NULL,
	"allow_negative" boolean DEFAULT false NOT NULL,
	"credit_limit" numeric(20, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_balance_non_negative" CHECK ("ledger_accounts"."allow_negative" or "ledger_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"transaction_id" varchar(64) NOT NULL,
	"account_id" varchar(64) NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"balance_after" numeric(20, 2) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_amount_non_zero" CHECK ("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"partner_id" varchar(64) NOT NULL,
	"kind" varchar(32) NOT NULL,
	"counterparty_type" varchar(16),
	"counterparty_id" varchar(64),
	"counterparty_name" varchar(255) DEFAULT '' NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"currency" varchar(3) DEFAULT 'CNY' NOT NULL,
	"memo" varchar(512) DEFAULT '' NOT NULL,
	"actor_type" varchar(16) NOT NULL,
	"actor_id" varchar(64) NOT NULL,
	"actor_name" varchar(255) NOT NULL,
	"request_id" varchar(64) NOT NULL,
	"idempotency_key" varchar(128),
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_owner_unique" ON "ledger_accounts" USING btree ("partner_id","owner_type","owner_id","kind","reference","currency");--> statement-breakpoint
CREATE INDEX "ledger_entries_partner_id_account_id_occurred_at_index" ON "ledger_entries" USING btree ("partner_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_id_index" ON "ledger_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_partner_id_occurred_at_index" ON "ledger_transactions" USING btree ("partner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_transactions_partner_id_counterparty_id_occurred_at_index" ON "ledger_transactions" USING btree ("partner_id","counterparty_id","occurred_at");