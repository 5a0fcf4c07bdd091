package io.gridloop.inbox;

import static io.gridloop.inbox.InboxFixtures.districtId;
import static io.gridloop.inbox.InboxFixtures.inbox;
import static io.gridloop.inbox.InboxFixtures.resident;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.account.Account;
import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** How other features write to the inbox: inside their own transaction, one statement however many recipients. */
@QuarkusTest
class InboxWritesTest {

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource dataSource;

    private long stored(long accountId) {
        return Sql.count(dataSource, "SELECT count(*) FROM notification WHERE account_id = ?", accountId);
    }

    @Test
    void notify_outside_a_transaction_is_refused_and_writes_nothing() {
        long account = Api.accountId(resident());
        long district = districtId();

        assertThrows(TransactionalException.class, () -> inbox.notify(List.of(account), NotificationKind.RESOLVED, district,
                null, null, "没有事务"));
        assertThrows(TransactionalException.class, () -> inbox.notifyFrom(
                "SELECT a.id AS account_id, a.district_id, 'RESOLVED' AS kind, NULL AS ticket_id, NULL AS ticket_number,"
                        + " '没有事务' AS text FROM account a WHERE a.id = :id", Map.of("id", account)));
        assertEquals(0, stored(account));
    }

    @Test
    void a_notification_is_rolled_back_with_the_change_that_caused_it() {
        long account = Api.accountId(resident());
        long district = districtId();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            inbox.notify(List.of(account), NotificationKind.RESOLVED, district, 1L, "GL-2026-000001", "随事务回滚");
            throw new IllegalStateException("the change failed");
        }));
        assertEquals(0, stored(account));

        QuarkusTransaction.requiringNew().run(() -> inbox.notify(List.of(account), NotificationKind.RESOLVED, district,
                1L, "GL-2026-000001", "随事务提交"));
        assertEquals(1, stored(account));
    }

    @Test
    void notify_writes_one_notification_per_account_however_often_it_is_named() {
        String first = resident();
        String second = resident();
        long a = Api.accountId(first);
        long b = Api.accountId(second);
        long district = districtId();

        QuarkusTransaction.requiringNew().run(() -> {
            inbox.notify(Arrays.asList(b, a, a, null, b), NotificationKind.DISPATCHED, district, null, null, "新的待办事项");
            inbox.notify(List.of(), NotificationKind.DISPATCHED, district, null, null, "没有收件人");
        });

        for (String username : List.of(first, second)) {
            JsonPath page = inbox(username, Map.of());
            assertEquals(List.of("DISPATCHED"), page.getList("items.kind"));
            assertEquals(List.of("新的待办事项"), page.getList("items.text"));
            assertNull(page.get("items[0].ticketId"));
            assertNull(page.get("items[0].ticketNumber"));
        }
    }

    @Test
    void a_text_over_five_hundred_characters_is_cut_with_an_ellipsis_and_a_blank_one_is_refused() {
        String resident = resident();
        long account = Api.accountId(resident);
        long district = districtId();
        String note = "处置结果：" + "路灯已更换🙂".repeat(100);

        QuarkusTransaction.requiringNew().run(() -> inbox.notify(List.of(account), NotificationKind.RESOLVED, district,
                null, null, note));
        QuarkusTransaction.requiringNew().run(() -> inbox.notifyFrom("""
                SELECT a.id AS account_id, a.district_id, 'RESOLVED' AS kind, NULL AS ticket_id, NULL AS ticket_number,
                       :text AS text FROM account a WHERE a.id = :id""", Map.of("id", account, "text", note)));

        assertEquals(List.of(500, 500), Sql.column(dataSource,
                "SELECT length(text) FROM notification WHERE account_id = ? ORDER BY id", account));
        for (String text : inbox(resident, Map.of()).getList("items.text", String.class)) {
            assertThat(text, endsWith("…"));
            assertEquals(note.substring(0, note.offsetByCodePoints(0, 499)), text.substring(0, text.length() - 1));
        }
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> inbox.notify(
                List.of(account), NotificationKind.RESOLVED, district, null, null, "  ")));
    }

    @Test
    void notify_from_fans_a_select_out_to_every_account_it_yields_in_one_statement() {
        List<String> usernames = List.of(resident(), resident(), resident());
        List<Long> accounts = usernames.stream().map(Api::accountId).toList();
        String bystander = resident();

        int written = QuarkusTransaction.requiringNew().call(() -> inbox.notifyFrom("""
                SELECT a.id AS account_id, a.district_id, 'SUPERVISED' AS kind, 77 AS ticket_id,
                       'GL-2026-000077' AS ticket_number, a.name || '，事项 GL-2026-000077 已被红牌督办' AS text,
                       a.username AS ignored
                  FROM account a WHERE a.id IN (:accounts)
                UNION ALL
                SELECT a.id, a.district_id, 'SUPERVISED', 77, 'GL-2026-000077', a.name || '，事项 GL-2026-000077 已被红牌督办',
                       a.username
                  FROM account a WHERE a.id = :again""", Map.of("accounts", accounts, "again", accounts.get(0))));

        assertEquals(3, written, "the repeated row is written once");
        for (String username : usernames) {
            JsonPath page = inbox(username, Map.of());
            assertEquals(List.of("SUPERVISED"), page.getList("items.kind"));
            assertEquals(77, page.getInt("items[0].ticketId"));
            assertEquals("GL-2026-000077", page.getString("items[0].ticketNumber"));
            assertEquals("收件人，事项 GL-2026-000077 已被红牌督办", page.getString("items[0].text"));
            assertEquals(1, page.getLong("unreadCount"));
        }
        assertThat(inbox(bystander, Map.of()).getList("items"), empty());
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> inbox.notifyFrom("""
                SELECT a.id AS account_id, a.district_id, 'SUPERVISED' AS kind, NULL AS ticket_id, NULL AS ticket_number,
                       'x' AS text FROM account a WHERE false""", Map.of())));
    }

    @Test
    void notify_from_sees_the_callers_own_unflushed_writes() {
        long district = districtId();
        String username = unique("inbox.flush.");

        AtomicInteger written = new AtomicInteger();
        assertThrows(UndoTheAccount.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Account account = new Account();
            account.districtId = district;
            account.username = username;
            account.name = "尚未写入";
            account.persist();
            written.set(inbox.notifyFrom("""
                    SELECT a.id AS account_id, a.district_id, 'RESOLVED' AS kind, NULL AS ticket_id, NULL AS ticket_number,
                           '欢迎' AS text FROM account a WHERE a.username = :username""", Map.of("username", username)));
            throw new UndoTheAccount();
        }));

        assertEquals(1, written.get());
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM account WHERE username = ?", username));
    }

    private static final class UndoTheAccount extends RuntimeException {
    }

    @Test
    void an_unknown_kind_fails_the_statement_and_the_parameter_of_the_inbox_is_its_own() {
        long account = Api.accountId(resident());

        assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() -> inbox.notifyFrom("""
                SELECT a.id AS account_id, a.district_id, 'GOSSIP' AS kind, NULL AS ticket_id, NULL AS ticket_number,
                       '闲话' AS text FROM account a WHERE a.id = :id""", Map.of("id", account))));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() -> inbox.notifyFrom(
                "SELECT 1", Map.of(Inbox.CREATED_AT_PARAMETER, 1))));
        assertEquals(0, stored(account));
    }
}
