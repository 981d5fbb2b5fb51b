"""On PostgreSQL, the database itself refuses UPDATE and DELETE of audit entries, so not even
a raw query from the app can rewrite the log (the model already refuses both)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION offices_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'offices_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER offices_audit_append_only
  BEFORE UPDATE OR DELETE ON offices_auditentry
  FOR EACH ROW EXECUTE FUNCTION offices_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS offices_audit_append_only ON offices_auditentry;
DROP FUNCTION IF EXISTS offices_audit_append_only();
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("offices", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
