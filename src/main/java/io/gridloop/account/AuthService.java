package io.gridloop.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.account.AccountViews.TokenView;
import io.gridloop.audit.Audit;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Signing in: staff by username and password, residents by WeChat. */
@ApplicationScoped
public class AuthService {

    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final WeChat weChat;
    private final EntityManager entityManager;
    private final Regions regions;
    private final Optional<Long> weChatDistrictId;
    private final Audit audit;
    /** The threads sign-ins check passwords on, one per processor: bcrypt keeps a core busy while it runs. */
    private final ExecutorService checking;

    AuthService(Passwords passwords, LoginThrottle throttle, Tokens tokens, WeChat weChat, EntityManager entityManager,
            Regions regions, WeChatConfig weChatConfig, Audit audit) {
        this.audit = audit;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.weChat = weChat;
        this.entityManager = entityManager;
        this.regions = regions;
        this.weChatDistrictId = weChatConfig.districtId();
        AtomicInteger threads = new AtomicInteger();
        this.checking = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), work -> {
            Thread thread = new Thread(work, "password-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The slowdown of a username past its limit is waited out on a timer, and the password checked (bcrypt: tens of
     * milliseconds of CPU) on a thread of {@link #checking}: neither holds one of the worker threads, which are as many
     * as the pool's connections (ops.PoolSizing), so a storm of sign-ins, or sign-ins slowed down a second each, does
     * not hold up every other request behind it. Only reading the throttle and the account before, and recording the
     * outcome and issuing the token after (a transaction), run on a worker thread.
     */
    public Uni<TokenView> login(String username, String password, String clientAddress) {
        Duration wait = throttle.requireOpen(username, clientAddress);
        Account found = Account.findByUsername(username);
        Uni<Void> waited = wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return waited.emitOn(checking)
                .map(ignored -> passwords.matches(password, found == null ? null : found.passwordHash))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(matches -> recorded(found, matches, username, clientAddress));
    }

    /** The sign-in recorded: its token, or its failure counted and 401. */
    private TokenView recorded(Account found, boolean matches, String username, String clientAddress) {
        try {
            if (!matches || !found.enabled) {
                throw new Refused(found, matches ? "DISABLED" : "BAD_CREDENTIALS");
            }
            return QuarkusTransaction.requiringNew().call(() -> signedIn(found.id, found.passwordHash, username, clientAddress));
        } catch (Refused refused) {
            // in a transaction of its own: a sign-in refused in signedIn has rolled back
            QuarkusTransaction.requiringNew().run(() -> {
                throttle.failed(username, clientAddress);
                audit.signIn(refused.districtId, refused.accountId, username, clientAddress, false, refused.reason);
            });
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "invalid-credentials.detail");
        }
    }

    @PreDestroy
    void stop() {
        checking.shutdownNow();
    }

    /** The account signed in, if it is still enabled with the password just checked: its failures forgotten, audited, a token. */
    private TokenView signedIn(long accountId, String checkedHash, String username, String clientAddress) {
        Account account = Account.findById(accountId);
        if (account == null || !account.enabled || !checkedHash.equals(account.passwordHash)) {
            throw new Refused(account, account != null && !account.enabled ? "DISABLED" : "BAD_CREDENTIALS");
        }
        throttle.succeeded(username, clientAddress);
        audit.signIn(account.districtId, account.id, username, clientAddress, true, null);
        return tokens.issue(account);
    }

    /** A sign-in refused, with what its audit entry says. */
    private static final class Refused extends RuntimeException {

        private final Long districtId;
        private final Long accountId;
        private final String reason;

        Refused(Account account, String reason) {
            super(reason, null, false, false);
            this.districtId = account == null ? null : account.districtId;
            this.accountId = account == null ? null : account.id;
            this.reason = reason;
        }
    }

    /**
     * Signs in the resident with this WeChat identity, creating them on their first visit. WeChat is waited for
     * holding no worker thread (as a slowed password sign-in is): only finding or creating the account and issuing
     * the token run on one.
     */
    public Uni<TokenView> loginWithWeChat(String code) {
        return weChat.openIdFor(code).emitOn(Infrastructure.getDefaultWorkerPool()).map(openId -> {
            Account account = QuarkusTransaction.requiringNew().call(() -> findOrCreateResident(openId));
            if (!account.enabled) {
                throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "invalid-credentials.detail");
            }
            return QuarkusTransaction.requiringNew().call(() -> tokens.issue(Account.findById(account.id)));
        });
    }

    private Account findOrCreateResident(String openId) {
        Account existing = Account.find("wechatOpenid", openId).firstResult();
        if (existing != null) {
            return existing;
        }
        // two first logins at once: the unique openid index lets one insert win, the other reads it;
        // should an admin have taken the derived username, a random one is used instead
        int inserted = insertResident(openId, "wx_" + digest(openId));
        Account account = Account.find("wechatOpenid", openId).firstResult();
        if (account == null) {
            inserted = insertResident(openId, "wx_" + java.util.UUID.randomUUID().toString().replace("-", ""));
            account = Account.find("wechatOpenid", openId).firstResult();
        }
        if (inserted == 1) {
            account.bind(RoleBinding.of(Role.RESIDENT, null, null));
        }
        return account;
    }

    private int insertResident(String openId, String username) {
        return entityManager.createNativeQuery("""
                INSERT INTO account (id, district_id, username, name, wechat_openid)
                VALUES (nextval('account_seq'), ?1, ?2, '微信用户', ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, residentDistrict()).setParameter(2, username).setParameter(3, openId)
                .executeUpdate();
    }

    private long residentDistrict() {
        return weChatDistrictId.orElseGet(() -> regions.districts().get(0).id());
    }

    private static String digest(String openId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(openId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
