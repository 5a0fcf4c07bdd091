-- A ticket's search document apart from the ticket row (docs/architecture.md, "Search").
--
-- V9 indexed the document as an expression of the ticket row. Every change of state updates the row and
-- an indexed column (status), so PostgreSQL could not update it in place (HOT) and inserted the row again
-- into every index: the document was made again (about 0.2 ms of tokenising) and its 30 to 60 terms
-- added to the GIN index once more, on every dispatch, claim, start, resolve and rating. On 1,000,000
-- tickets an UPDATE of a ticket's status took 0.9-1.4 ms with the search index and 0.35 ms without.
-- The document depends on the title and the description alone, which only filing writes: it lives in its
-- own row, written when the ticket is filed (or its title or description changes), and a search reads the
-- stored terms instead of tokenising each ticket it looks at.
CREATE TABLE ticket_search (
    ticket_id bigint PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
    document  tsvector NOT NULL
);
INSERT INTO ticket_search (ticket_id, document) SELECT t.id, search_document(t.title, t.description) FROM ticket t;
-- Without a pending list (fastupdate off): a filing adds its terms to the index at once, so a search never
-- reads a list of recent documents one by one, and the planner does not price the index as if it might.
CREATE INDEX ticket_search_document_idx ON ticket_search USING gin (document) WITH (fastupdate = off);
DROP INDEX ticket_search_idx;

-- Filing writes the document (one statement for a bulk insert); a changed title or description writes it again.
CREATE FUNCTION ticket_search_filed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ticket_search (ticket_id, document)
    SELECT t.id, search_document(t.title, t.description) FROM new_tickets t;
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_search_filed AFTER INSERT ON ticket
    REFERENCING NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_filed();

CREATE FUNCTION ticket_search_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_search SET document = search_document(NEW.title, NEW.description) WHERE ticket_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_search_edited AFTER UPDATE OF title, description ON ticket FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION ticket_search_edited();

-- Nearby asks for open tickets only: the location index holds those alone (a ninth of the tickets, and
-- the ones near a point that matter), so a box around a busy grid reads a few entries, not every closed
-- ticket of the last years. The statuses are TicketStatus's open ones, as in V21's ticket_open_idx; the
-- statement is planned for its values (shared.sql.CustomPlans), so the planner sees it asks for these.
DROP INDEX ticket_location_idx;
CREATE INDEX ticket_open_location_idx ON ticket USING gist (point(lng, lat))
    WHERE lat IS NOT NULL AND lng IS NOT NULL AND status IN ('SUBMITTED', 'TRIAGED', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'RESOLVED');

-- V12's working_seconds(a, b, zone, holidays, extra_working) has had no caller since the figures are kept
-- as counters (V17): the triggers use metrics_working_seconds, the recount calendar.WorkingDays.
DROP FUNCTION working_seconds(timestamptz, timestamptz, text, date[], date[]);
