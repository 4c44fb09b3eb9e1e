/**
 * Makes FerretDB's PostgreSQL backend use indexes.
 *
 * FerretDB v1 pushes an equality filter down as `(_jsonb -> 'field') @> '<value>'::jsonb`, but
 * the index it creates for a MongoDB index is a B-tree on `(_jsonb -> 'field')`, which cannot
 * serve `@>`: without help every query, even by `_id`, is a sequential scan. This event trigger
 * runs inside the same transaction as each `CREATE INDEX` and adds, for every `_jsonb`
 * expression of a new B-tree index, a GIN `jsonb_path_ops` index on the same expression. The
 * B-tree stays (it enforces `unique`); the GIN index is what the planner uses for `@>`, with the
 * same results for scalars and arrays alike. Index names are `scontrino_gin_<md5>` of table and
 * expression, so an expression shared by two MongoDB indexes gets one GIN index. The trigger
 * skips GIN indexes, so its own statements do not recurse.
 *
 * A dropped MongoDB index leaves its GIN twin in place (dropping the collection removes both).
 */
export const GIN_MIRROR_SQL = `
CREATE OR REPLACE FUNCTION scontrino_mirror_btree_as_gin() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  command record;
  created record;
  expression text;
  position int;
  gin_name text;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    SELECT i.indexrelid, i.indrelid, i.indnatts, am.amname
      INTO created
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am am ON am.oid = c.relam
      WHERE i.indexrelid = command.objid;
    CONTINUE WHEN NOT FOUND OR created.amname <> 'btree';
    FOR position IN 1..created.indnatts LOOP
      expression := pg_get_indexdef(created.indexrelid, position, false);
      CONTINUE WHEN expression NOT LIKE '%_jsonb%';
      gin_name := 'scontrino_gin_' || left(md5(created.indrelid::text || ':' || expression), 20);
      CONTINUE WHEN EXISTS (
        SELECT 1 FROM pg_class WHERE relname = gin_name AND relnamespace = (
          SELECT relnamespace FROM pg_class WHERE oid = created.indrelid));
      EXECUTE format('CREATE INDEX %I ON %s USING gin ((%s) jsonb_path_ops)',
        gin_name, created.indrelid::regclass, expression);
    END LOOP;
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS scontrino_mirror_btree_as_gin;
CREATE EVENT TRIGGER scontrino_mirror_btree_as_gin ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION scontrino_mirror_btree_as_gin();
`;
