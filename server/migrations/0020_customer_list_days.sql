CREATE TABLE "customer_list_days" (
	"partner_id" varchar(64) NOT NULL,
	"status" varchar(16) NOT NULL,
	"day" date NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "customer_list_days_pk" PRIMARY KEY("partner_id","status","day")
);
--> statement-breakpoint
INSERT INTO "customer_list_days" ("partner_id", "status", "day", "customers")
SELECT "partner_id", "status", ("associated_on" AT TIME ZONE 'UTC')::date, count(*)
FROM "customers" GROUP BY 1, 2, 3;
--> statement-breakpoint
-- As customer_list_counts_apply (0011): one grouped upsert per statement, cells in key order.
CREATE FUNCTION "customer_list_days_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "customer_list_days" AS d ("partner_id", "status", "day", "customers")
    SELECT "partner_id", "status", ("associated_on" AT TIME ZONE 'UTC')::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("partner_id", "status", "day") DO UPDATE SET "customers" = d."customers" + excluded."customers";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "customer_list_days" AS d ("partner_id", "status", "day", "customers")
    SELECT "partner_id", "status", ("associated_on" AT TIME ZONE 'UTC')::date, -count(*)
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("partner_id", "status", "day") DO UPDATE SET "customers" = d."customers" + excluded."customers";
  ELSE
    INSERT INTO "customer_list_days" AS d ("partner_id", "status", "day", "customers")
    SELECT "partner_id", "status", "day", sum("delta")
    FROM (
      SELECT "partner_id", "status", ("associated_on" AT TIME ZONE 'UTC')::date AS "day", 1 AS "delta" FROM new_rows
      UNION ALL
      SELECT "partner_id", "status", ("associated_on" AT TIME ZONE 'UTC')::date, -1 FROM old_rows
    ) AS "changes"
    GROUP BY 1, 2, 3 HAVING sum("delta") <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("partner_id", "status", "day") DO UPDATE SET "customers" = d."customers" + excluded."customers";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "customer_list_days_insert" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_days_apply"();
--> statement-breakpoint
CREATE TRIGGER "customer_list_days_update" AFTER UPDATE ON "customers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_days_apply"();
--> statement-breakpoint
CREATE TRIGGER "customer_list_days_delete" AFTER DELETE ON "customers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_list_days_apply"();
