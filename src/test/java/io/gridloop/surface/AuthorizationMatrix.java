package io.gridloop.surface;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may do what, written by hand from SPEC.md (§1.2 roles, §1.6 "who", §2 "out of scope answers
 * 404, a role that may not act 403, a disabled account or no credentials 401"), never read from the
 * code's annotations: the matrix checks the code against this table, not against itself.
 *
 * <p>One block per operation of openapi/openapi.yaml; a new operation fails {@link AuthorizationMatrixTest}
 * until it has a block here and a case in {@link MatrixCases}. The target is the resource the request
 * acts on, as seen from the caller ({@link MatrixDistrict#place}): {@code own} in the caller's grid and
 * theirs where a resource has a person (reporter, assignee, account, notification), {@code foreign}
 * another's at the same level (another resident's ticket, another grid of the community, another
 * community of the street, another unit's), {@code outside} another street's; {@code -} an operation on
 * no such resource. Columns: the demo accounts resident1 (RES), party1 (PM), gridmember1 (GM), leader1
 * (GL), secretary1 (CA), unit1 (UH), admin (DA); the demo API key (KEY); the token of a district admin
 * whose role was replaced by RESIDENT after it signed in (EX); the token of a grid leader disabled after
 * it signed in (DIS); no credentials (AN).
 *
 * <p>Where SPEC is silent the table says what such users would expect: regions, units, categories
 * and the calendar are readable by every caller of the district; administration is the district
 * admin's; filing is a resident's, a patrolling grid member's, and staff's for walk-in requests
 * (§1.4 sources), into a grid they act in (422 for another: it names a grid, it does not open one);
 * a walk-in source from someone who is no longer staff is a field they may not use (400). Every account
 * may change its own password: the matrix sends a wrong current password (400), so no demo account's
 * password changes, and only an API key (403) or no account (401) is refused.
 * Ticket actions are tried in the state the action starts from, so only who the caller is decides.
 */
final class AuthorizationMatrix {

    enum Persona {
        RES, PM, GM, GL, CA, UH, DA, KEY, EX, DIS, AN
    }

    enum Target {
        ANY, OWN, FOREIGN, OUTSIDE
    }

    static final String TABLE = """
            # operation                                              target   RES PM  GM  GL  CA  UH  DA  KEY EX  DIS AN
            POST /api/v1/auth/login                                  -        200 200 200 200 200 200 200 200 200 200 200
            POST /api/v1/auth/wechat                                 -        200 200 200 200 200 200 200 200 200 200 200
            GET /api/v1/me                                           -        200 200 200 200 200 200 200 403 200 401 401
            POST /api/v1/me/password                                 -        400 400 400 400 400 400 400 403 400 401 401
            GET /api/v1/me/notifications                             -        200 200 200 200 200 200 200 403 200 401 401
            POST /api/v1/me/notifications/read-all                   -        200 200 200 200 200 200 200 403 200 401 401
            POST /api/v1/me/notifications/{id}/read                  own      204 204 204 204 204 204 204 403 204 401 401
                                                                     foreign  404 404 404 404 404 404 404 403 404 401 401
                                                                     outside  404 404 404 404 404 404 404 403 404 401 401

            GET /api/v1/accounts                                     -        403 403 403 200 200 403 200 403 403 401 401
            POST /api/v1/accounts                                    -        403 403 403 403 403 403 201 403 403 401 401
            GET /api/v1/accounts/{id}                                own      403 403 403 200 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 200 403 403 401 401
                                                                     outside  403 403 403 404 404 403 200 403 403 401 401
            PUT /api/v1/accounts/{id}                                own      403 403 403 403 403 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 403 403 200 403 403 401 401
                                                                     outside  403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/api-keys                                     -        403 403 403 403 403 403 200 403 403 401 401
            POST /api/v1/api-keys                                    -        403 403 403 403 403 403 201 403 403 401 401
            DELETE /api/v1/api-keys/{id}                             own      403 403 403 403 403 403 204 403 403 401 401
                                                                     foreign  403 403 403 403 403 403 204 403 403 401 401
                                                                     outside  403 403 403 403 403 403 204 403 403 401 401

            GET /api/v1/regions                                      -        200 200 200 200 200 200 200 200 200 401 401
            GET /api/v1/regions/{id}                                 -        200 200 200 200 200 200 200 200 200 401 401
            POST /api/v1/regions                                     -        403 403 403 403 403 403 201 403 403 401 401
            PUT /api/v1/regions/{id}                                 -        403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/grids/locate                                 -        200 200 200 200 200 200 200 200 200 401 401
            GET /api/v1/units                                        -        200 200 200 200 200 200 200 200 200 401 401
            POST /api/v1/units                                       -        403 403 403 403 403 403 201 403 403 401 401
            GET /api/v1/categories                                   -        200 200 200 200 200 200 200 200 200 401 401
            GET /api/v1/categories/{code}                            -        200 200 200 200 200 200 200 200 200 401 401
            POST /api/v1/categories                                  -        403 403 403 403 403 403 201 403 403 401 401
            PUT /api/v1/categories/{code}                            -        403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/holidays/{year}                              -        200 200 200 200 200 200 200 200 200 401 401
            PUT /api/v1/holidays/{year}                              -        403 403 403 403 403 403 200 403 403 401 401
            POST /api/v1/district/import                             -        403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/audit                                        -        403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/metrics/summary                              own      403 403 403 200 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 200 403 403 401 401
                                                                     outside  403 403 403 404 404 403 200 403 403 401 401
            GET /api/v1/metrics/rankings                             own      403 403 403 200 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 200 403 403 401 401
                                                                     outside  403 403 403 404 404 403 200 403 403 401 401

            GET /api/v1/tickets                                      -        200 200 200 200 200 200 200 200 200 401 401
            GET /api/v1/tickets/pool                                 -        200 200 200 200 200 200 200 403 200 401 401
            GET /api/v1/tickets/nearby                               -        200 200 200 200 200 200 200 200 200 401 401
            POST /api/v1/tickets                                     own      201 403 201 201 201 403 201 403 400 401 401
                                                                     foreign  201 403 422 422 422 403 201 403 400 401 401
                                                                     outside  422 403 422 422 422 403 201 403 400 401 401
            GET /api/v1/tickets/{id}                                 own      200 200 200 200 200 200 200 200 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 200 404 401 401
                                                                     outside  404 404 404 404 404 404 200 200 404 401 401
            GET /api/v1/tickets/{id}/timeline                        own      200 200 200 200 200 200 200 200 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 200 404 401 401
                                                                     outside  404 404 404 404 404 404 200 200 404 401 401

            # SUBMITTED: the grid's leader and the community's admin triage, dispatch and reject; the reporter cancels
            POST /api/v1/tickets/{id}/triage                         own      403 404 403 200 200 404 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/dispatch                       own      403 404 403 200 200 404 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/reject                         own      403 404 403 200 200 404 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/cancel                         own      200 404 403 403 403 404 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            # DISPATCHED to the target's assignee (a member, or unit1's unit): the named assignee claims
            POST /api/v1/tickets/{id}/claim                          own      403 200 200 403 403 200 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            # CLAIMED by the target's assignee: the assignee works it; staff in scope add notes; admins and
            # the grid's contact unit supervise; the leader decides an extension the assignee asked for
            POST /api/v1/tickets/{id}/start                          own      403 200 200 403 403 200 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/notes                          own      403 200 200 200 200 200 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/tickets/{id}/release                        own      403 200 200 403 403 200 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/resolve                        own      403 200 200 403 403 200 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/extension-requests             own      403 200 200 403 403 200 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/extension-requests/{requestId}/decision
                                                                     own      403 403 403 200 200 403 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/supervise                      own      403 403 403 403 200 200 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            # RESOLVED by the target's assignee: the leader verifies, the reporter gives feedback
            POST /api/v1/tickets/{id}/verify                         own      403 403 403 200 200 403 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/tickets/{id}/feedback                       own      200 403 403 403 403 403 403 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401

            # Open311 GeoReport v2 (SPEC §2a, §3): the catalogue is public; requests are an integration's, with its
            # api_key (the KEY persona sends it as X-API-Key, which Open311 takes too); without a key GeoReport answers
            # 400 (a missing parameter), whoever else the caller may be; refusals are GeoReport's error list.
            GET /open311/v2/discovery.{format}                       -        200 200 200 200 200 200 200 200 200 200 200
            GET /open311/v2/services.{format}                        -        200 200 200 200 200 200 200 200 200 200 200
            GET /open311/v2/services/{service_code}.{format}         -        200 200 200 200 200 200 200 200 200 200 200
            POST /open311/v2/requests.{format}                       -        400 400 400 400 400 400 400 201 400 400 400
            GET /open311/v2/requests.{format}                        -        400 400 400 400 400 400 400 200 400 400 400
            GET /open311/v2/requests/{service_request_id}.{format}   -        400 400 400 400 400 400 400 200 400 400 400
            GET /open311/v2/tokens/{token}.{format}                  -        400 400 400 400 400 400 400 200 400 400 400
            # SPEC §2a/§3: the hotline's intake is an integration's (INTEGRATION, by API key) only; webhooks are the
            # district admin's (every ticket of the district) or an integration's own; redelivery is the admin's
            POST /api/v1/integrations/tickets                        -        403 403 403 403 403 403 403 201 403 401 401
            GET /api/v1/integrations/tickets/{source}/{externalId}   -        403 403 403 403 403 403 403 200 403 401 401
            POST /api/v1/webhooks                                    -        403 403 403 403 403 403 201 201 403 401 401
            GET /api/v1/webhooks                                     -        403 403 403 403 403 403 200 200 403 401 401
            # a subscription of the district admin's: a key sees only its own
            DELETE /api/v1/webhooks/{id}                             -        403 403 403 403 403 403 204 404 403 401 401
            GET /api/v1/webhooks/{id}/deliveries                     -        403 403 403 403 403 403 200 404 403 401 401
            POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver
                                                                     -        403 403 403 403 403 403 200 403 403 401 401
            # Engagement (SPEC §1.9). A community's wall, store and redemptions are for the people who belong to it
            # (a role bound in it or over it); the target is the caller's community (own), another of the street
            # (foreign) or of another street (outside). The community admin stocks the store and settles
            # redemptions; a redemption tried here was made by another member of the target community.
            GET /api/v1/wishes                                       own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/points/balance                               -        200 200 200 200 200 200 200 403 200 401 401
            GET /api/v1/points/ledger                                -        200 200 200 200 200 200 200 403 200 401 401
            GET /api/v1/points/rules                                 -        200 200 200 200 200 200 200 403 200 401 401
            PUT /api/v1/points/rules                                 -        403 403 403 403 403 403 200 403 403 401 401
            GET /api/v1/store/items                                  own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/store/items                                 own      403 403 403 403 201 403 201 403 403 401 401
                                                                     foreign  403 403 403 403 422 403 201 403 403 401 401
                                                                     outside  403 403 403 403 422 403 201 403 403 401 401
            PUT /api/v1/store/items/{id}                             own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            POST /api/v1/store/redemptions                           own      201 201 201 201 201 422 201 403 422 401 401
                                                                     foreign  422 422 422 422 422 422 201 403 422 401 401
                                                                     outside  422 422 422 422 422 422 201 403 422 401 401
            GET /api/v1/store/redemptions                            own      404 404 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/store/redemptions/{id}                       own      404 404 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/store/redemptions/{id}/fulfil               own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            POST /api/v1/store/redemptions/{id}/cancel               own      404 404 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            # the list's scope, as a file for leaders' spreadsheets (SPEC §2a): grid leaders, community and district staff
            GET /api/v1/tickets/export.csv                           -        403 403 403 200 200 403 200 403 403 401 401
            # media (SPEC §3 attachments): every account that files or handles tickets uploads (integrations file
            # without media); an upload attached to a ticket is seen by exactly whoever sees the ticket (the rows of
            # GET /api/v1/tickets/{id}), by accounts only
            POST /api/v1/media                                       -        201 201 201 201 201 201 201 403 201 401 401
            GET /api/v1/media/{id}                                   own      200 200 200 200 200 200 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/media/{id}/thumbnail                         own      200 200 200 200 200 200 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            # the maintained figures' check and rebuild: the district's operators, i.e. the district admin (SPEC §1.2
            # administration), over the caller's own district
            GET /api/v1/metrics/consistency                          -        403 403 403 403 403 403 200 403 403 401 401
            POST /api/v1/metrics/rebuild                             -        403 403 403 403 403 403 200 403 403 401 401
            # Party members (SPEC §1.2 双报到, §1.9 一卡一账). Anyone with an account registers themselves (own: the caller's
            # account, with the caller's community; foreign: another person's account); party1 is a confirmed member of
            # community 1 in the demo, so registering again is a conflict. The community's admin decides registrations and
            # volunteer hours and sets posts; a member states their own commitments, sets their own card photo and
            # reports their own hours (own: the caller's account, which only party1 can act on as a member). A card and
            # ledger are public within the member's community (own, foreign, outside: a member of the caller's community,
            # of another of the street, of another street); a registration or report is its maker's and the community
            # admin's.
            POST /api/v1/members/{accountId}/registrations           own      201 409 201 201 201 201 201 403 201 401 401
                                                                     foreign  403 403 403 403 403 403 403 403 403 401 401
            GET /api/v1/member-registrations                         own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            GET /api/v1/member-registrations/{id}                    own      404 404 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/member-registrations/{id}/decision          own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            PUT /api/v1/members/{accountId}/posts                    own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            PUT /api/v1/members/{accountId}/commitments              own      404 200 404 404 404 404 404 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            PUT /api/v1/members/{accountId}/photo                    own      404 200 404 404 404 404 404 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            DELETE /api/v1/members/{accountId}/photo                 own      404 200 404 404 404 404 404 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 403 403 404 401 401
                                                                     outside  404 404 404 404 404 404 403 403 404 401 401
            POST /api/v1/members/{accountId}/volunteer-hours         own      404 201 404 404 404 404 404 403 404 401 401
                                                                     foreign  403 403 403 403 403 403 403 403 403 401 401
            GET /api/v1/volunteer-hours                              own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            GET /api/v1/volunteer-hours/{id}                         own      404 404 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/volunteer-hours/{id}/decision               own      403 403 403 403 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 403 404 403 200 403 403 401 401
                                                                     outside  403 403 403 403 404 403 200 403 403 401 401
            GET /api/v1/members/{accountId}/card                     own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/members/{accountId}/ledger                   own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            # The three lists (三张清单, SPEC §1.9): published to the people of the community, as the wish wall. An offer
            # on the resource list is made by a party member registered with the community, a handler of a unit that
            # contacts one of its grids, or its admin (another community is a field they may not use: 422); the offer
            # tried here was entered by the district admin in the target community: its people see it, its admins change
            # and withdraw it, the others of the community may not (403), anyone else does not find it
            GET /api/v1/lists/{communityId}                          own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/lists/{communityId}/resources                own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/lists/{communityId}/needs                    own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/lists/{communityId}/services                 own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/resources                                   own      403 201 403 403 201 201 201 403 403 401 401
                                                                     foreign  403 422 403 403 422 422 201 403 403 401 401
                                                                     outside  403 422 403 403 422 422 201 403 403 401 401
            GET /api/v1/resources/{id}                               own      200 200 200 200 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            PATCH /api/v1/resources/{id}                             own      403 403 403 403 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            DELETE /api/v1/resources/{id}                            own      403 403 403 403 204 404 204 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 204 403 404 401 401
                                                                     outside  404 404 404 404 404 404 204 403 404 401 401
            # a ticket's photo by the signed link Open311's media_url gives (issue 13): the link is the credential, so
            # whoever holds it sees that one photo, with any credentials or none
            GET /api/v1/media-links/{link}                           -        200 200 200 200 200 200 200 200 200 200 200
            # Reviews (SPEC §1.8): the leaders of a closed ticket's grid (its grid leader, its community's admin) comment on
            # the handler's work; the district admin reads but does not comment. A comment is read by its author, the
            # handler and the leaders over the grid. Party members review party members of their own community (another's
            # is a reviewee they cannot name: 422); a review is read by its two members and the admins over the community.
            # The board with stars has the metrics board's callers and scope.
            POST /api/v1/tickets/{id}/comments                       own      403 403 403 201 201 403 403 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 403 403 403 401 401
                                                                     outside  403 403 403 404 404 403 403 403 403 401 401
            GET /api/v1/tickets/{id}/comments/{commentId}            own      404 200 200 200 200 200 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            POST /api/v1/peer-reviews                                own      403 201 403 403 403 403 403 403 403 401 401
                                                                     foreign  403 422 403 403 403 403 403 403 403 401 401
                                                                     outside  403 422 403 403 403 403 403 403 403 401 401
            GET /api/v1/peer-reviews/{id}                            own      404 200 404 404 200 404 200 403 404 401 401
                                                                     foreign  404 404 404 404 404 404 200 403 404 401 401
                                                                     outside  404 404 404 404 404 404 200 403 404 401 401
            GET /api/v1/boards/members                               own      403 403 403 200 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 200 403 403 401 401
                                                                     outside  403 403 403 404 404 403 200 403 403 401 401
            GET /api/v1/boards/grids                                 own      403 403 403 200 200 403 200 403 403 401 401
                                                                     foreign  403 403 403 404 404 403 200 403 403 401 401
                                                                     outside  403 403 403 404 404 403 200 403 403 401 401
            """;

    private AuthorizationMatrix() {
    }

    /** The table: for each operation, for each target, the status each persona gets. */
    static Map<String, Map<Target, Map<Persona, Integer>>> expectations() {
        Map<String, Map<Target, Map<Persona, Integer>>> table = new LinkedHashMap<>();
        String operation = null;
        for (String line : TABLE.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            int at = 0;
            if (!line.startsWith(" ")) {
                operation = words[0] + " " + words[1];
                if (table.containsKey(operation)) {
                    throw new IllegalStateException("two blocks for " + operation);
                }
                table.put(operation, new EnumMap<>(Target.class));
                at = 2;
                if (words.length == 2) {
                    continue;
                }
            }
            Target target = words[at].equals("-") ? Target.ANY : Target.valueOf(words[at].toUpperCase());
            if (words.length - at - 1 != Persona.values().length) {
                throw new IllegalStateException("a row of " + operation + " without a status for each persona: " + line);
            }
            Map<Persona, Integer> statuses = new EnumMap<>(Persona.class);
            for (Persona persona : Persona.values()) {
                statuses.put(persona, Integer.parseInt(words[at + 1 + persona.ordinal()]));
            }
            table.get(operation).put(target, statuses);
        }
        return table;
    }
}
