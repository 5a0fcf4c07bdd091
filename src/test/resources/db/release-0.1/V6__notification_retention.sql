-- Old notifications are purged (io.gridloop.inbox.InboxRetention); this index finds them by age.
CREATE INDEX notification_created_idx ON notification (created_at);
