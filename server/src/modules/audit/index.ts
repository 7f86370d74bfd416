export {
  AUDIT_EXPORT_MAX_ROWS,
  exportAuditEvents,
  listAuditEvents,
  type AuditEvent,
  type AuditFilters,
} from './service.ts';
