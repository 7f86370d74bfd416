CREATE TABLE "customer_list_counts" (
	"partner_id" varchar(64) NOT NULL,
	"account_manager_id" varchar(64) NOT NULL,
	"association_type" varchar(2) NOT NULL,
	"label" varchar(64) NOT NULL,
	"status" varchar(16) NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "customer_list_counts_pk" PRIMARY KEY("partner_id","account_manager_id","association_type","label","status")
);
--> statement-breakpoint
INSERT INTO "customer_list_counts" ("partner_id", "account_manager_id", "association_type", "label", "status", "customers")
SELECT "partner_id", coalesce("account_manager_id", ''), "association_type", "label", "status", count(*)
FROM "customers" GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- One statement-level trigger per event: the transition tables hold the statement's rows, so a
-- bulk insert costs one grouped upsert. Cells are written in key order, so two transactions that
-- move customers between the same cells lock them in the same order and cannot deadlock.
CREATE FUNCTION "customer_list_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "customer_list_counts" AS c ("partner_id", "account_manager_id", "association_type", "label", "status", "customers")
    SELECT "partner_id", coalesce("account_manager_id", ''), "association_type", "label", "status", count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("partner_id", "account_manager_id", "association_type", "label", "status")
    DO UPDATE SET "customers" = c."customers" + excluded."customers";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "customer_list_counts" AS c ("partner_id", "account_manager_id", "association_type", "label", "status", "customers")
    SELECT "partner_id", coalesce("account_manager_id", ''), "association_type", "label", "status", -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("partner_id", "account_manager_id", "association_type", "label", "status")
    DO UPDATE SET "customers" = c."customers" + excluded."customers";
  ELSE
    INSERT INTO "customer_list_counts" AS c ("partner_id", "account_manager_id", "association_type", "label", "status", "customers")
    SELECT "partner_id", "account_manager_id", "association_type", "label", "status", sum("delta")
    FROM (
      SELECT "partner_id", coalesce("account_manager_id", '') AS "account_manager_id", "association_type", "label", "status", 1 AS "delta" FROM new_rows
      UNION ALL
      SELECT "partner_id", coalesce("account_manager_id", ''), "association_type", "label", "status", -1 FROM old_rows
    ) AS "changes"
    GROUP BY 1, 2, 3, 4, 5 HAVING sum("delta") <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("partner_id", "account_manager_id", "association_type", "label", "status")
    DO UPDATE SET "customers" = c."customers" + excluded."customers";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "customer_list_counts_insert" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "customer_list_counts_update" AFTER UPDATE ON "customers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "customer_list_counts_delete" AFTER DELETE ON "customers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_counts_apply"();
