-- A ledger posting is one statement (accounts/service/ledger.ts) that may run on its own, outside
-- any explicit transaction: when it finds a move it must refuse (a balance would go below zero,
-- an account is missing), it calls this function, whose error rolls the whole statement back, so
-- a refused move writes nothing. SQLSTATE HBREF lets the server tell a refusal from a failure.
CREATE FUNCTION huoban_refuse(reason text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'HBREF', MESSAGE = reason;
END;
$$;
