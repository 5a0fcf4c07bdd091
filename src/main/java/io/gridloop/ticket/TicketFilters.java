package io.gridloop.ticket;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.gridloop.ticket.TicketQueries.Filter;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Supervision;

/** The filters of the ticket list, as its query parameters: the list and its CSV export take the same. */
public class TicketFilters {

    /** A search with something to search for (what V9__ticket_search.sql makes terms of), and no control characters. */
    static final String SEARCHABLE = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[A-Za-z0-9\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF]"
            + "[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    @QueryParam("status")
    TicketStatus status;

    @QueryParam("gridId")
    Long gridId;

    @QueryParam("regionId")
    Long regionId;

    @QueryParam("categoryCode")
    String categoryCode;

    @QueryParam("kind")
    Kind kind;

    @QueryParam("assignee")
    @Pattern(regexp = "^me$")
    String assignee;

    // a String: JAX-RS would read any word but "true" as false
    @QueryParam("overdue")
    @Pattern(regexp = "^(true|false)?$")
    String overdue;

    @QueryParam("supervision")
    Supervision supervision;

    @Parameter(description = "words of the title or description, all required: Chinese (路灯, 噪音), mixed (3号楼),"
            + " Latin words and numbers; at least one letter, digit or Chinese character")
    @QueryParam("q")
    @Size(max = 100)
    @Pattern(regexp = SEARCHABLE)
    String q;

    Filter filter() {
        return new Filter(status, gridId, regionId, categoryCode, kind, assignee != null,
                overdue == null || overdue.isEmpty() ? null : Boolean.valueOf(overdue), supervision, q);
    }
}
