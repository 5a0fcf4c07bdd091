package io.gridloop.seed;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.gridloop.account.Accounts;
import io.gridloop.lists.ResourceViews.NewResource;
import io.gridloop.lists.ResourceViews.ResourceKind;
import io.gridloop.lists.Resources;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.ticket.TicketRequests.Dispatch;
import io.gridloop.ticket.TicketRequests.Feedback;
import io.gridloop.ticket.TicketRequests.FileTicket;
import io.gridloop.ticket.TicketRequests.Location;
import io.gridloop.ticket.TicketService;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.Solved;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * What the demo district's people have done, beyond the district file: residents' wishes on the wall
 * (open, in the pool, claimed, and one fulfilled and confirmed, which paid its member's points) and
 * the offers on the resource list. Each step is taken by the demo account that would take it, through
 * the same services the API calls (so a wish's timeline, notifications and points are the real ones),
 * once per database: {@code seed_activity} records that it was done.
 */
@ApplicationScoped
class DemoActivity {

    private static final Logger LOG = Logger.getLogger(DemoActivity.class);
    private static final String NAME = "demo-wishes-and-resources";

    private final EntityManager entityManager;
    private final Accounts accounts;
    private final TicketService tickets;
    private final Resources resources;
    private final Caller caller;
    private final CurrentIdentityAssociation identities;
    private final Clock clock;

    DemoActivity(EntityManager entityManager, Accounts accounts, TicketService tickets, Resources resources, Caller caller,
            CurrentIdentityAssociation identities, Clock clock) {
        this.entityManager = entityManager;
        this.accounts = accounts;
        this.tickets = tickets;
        this.resources = resources;
        this.caller = caller;
        this.identities = identities;
        this.clock = clock;
    }

    /** Takes the demo's steps in the loader's transaction, unless this database has them already. */
    @Transactional(TxType.MANDATORY)
    void load(long districtId) {
        int first = entityManager.createNativeQuery("INSERT INTO seed_activity (name, loaded_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, NAME).setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
        if (first == 0) {
            return;
        }
        Map<String, Long> people = accounts.ids(districtId, List.of("resident1", "resident2", "resident3", "leader1", "party1",
                "party2", "party3", "unit1", "secretary1"));
        long community1 = as(people.get("party1"), this::community);
        long community3 = as(people.get("party3"), this::community);

        // 微心愿: fulfilled by party1 and confirmed by resident1, which pays party1 the district's wishConfirmed points
        long fulfilled = wish(people.get("resident1"), "想请人陪奶奶去医院复查", "奶奶腿脚不便，下周二上午要去区人民医院复查。",
                "幸福小区3幢2单元501室");
        toPool(people.get("leader1"), fulfilled);
        as(people.get("party1"), () -> tickets.claim(fulfilled));
        as(people.get("party1"), () -> tickets.resolve(fulfilled, "已陪同复查，结果正常，已送奶奶回家。", List.of()));
        as(people.get("resident1"), () -> tickets.feedback(fulfilled, new Feedback(Rating.SATISFIED, Solved.SOLVED, "谢谢孙师傅！")));
        // claimed by party2, under way
        long claimed = wish(people.get("resident2"), "家里水龙头漏水，想请人帮忙换一个", "厨房水龙头关不紧，一直滴水。",
                "幸福小区5幢1单元302室");
        toPool(people.get("leader1"), claimed);
        as(people.get("party2"), () -> tickets.claim(claimed));
        // in the pool, for any member of the community to claim from the wall
        toPool(people.get("leader1"), wish(people.get("resident1"), "想给孙子找一套初二的旧课本", "孙子下学期上初二，旧课本就行。",
                "幸福小区3幢2单元501室"));
        // just posted, waiting for the grid leader
        wish(people.get("resident2"), "希望有人教我用手机预约挂号", "不会用手机挂号，想请人教一教。", "幸福小区7幢");
        wish(people.get("resident3"), "想请志愿者帮忙修理轮椅", "轮椅刹车坏了，行动不便。", "翠苑小区2幢");
        // an open matter on the needs list beside the wishes
        as(people.get("resident2"), () -> tickets.file(new FileTicket("GARBAGE", "5幢旁垃圾桶满了没人清运", "已经两天没清运了。",
                new Location(null, null, "幸福小区5幢东侧"), null, Kind.ISSUE, false, List.of(), null, null, null)));

        // 资源清单: what party members, a unit and the community offer
        offer(people.get("party1"), new NewResource(community1, ResourceKind.VOLUNTEER_SERVICE, "陪老人就医、代购药品",
                "可陪同行动不便的老人去医院，或代购常用药品。", "每次1至2位老人", "每周六上午", "孙立新", "13800000005", null));
        offer(people.get("party2"), new NewResource(community1, ResourceKind.SKILL, "家电小修、水电维修",
                "党员中心户，会修水龙头、电灯、小家电。", "每周3户", "工作日晚上", "周海涛", "13800000006", null));
        offer(people.get("unit1"), new NewResource(community1, ResourceKind.VENUE, "城管驿站会议室",
                "可用于社区议事、志愿者培训。", "可容纳30人", "工作日9:00-17:00", "王建国", "0571-88001001", null));
        offer(people.get("secretary1"), new NewResource(community1, ResourceKind.GOODS, "借用轮椅、助行器等助老器具",
                "物业服务中心免费借用，用后归还。", "轮椅3台、助行器5个", "全天", "物业前台", "0571-88002002", "幸福小区物业服务中心"));
        offer(people.get("party3"), new NewResource(community3, ResourceKind.SKILL, "书法兴趣班授课", "退休教师，可给社区孩子上书法课。",
                "每班15人", "每周日下午", "吴建平", "13800000007", null));
        LOG.info("Demo activity loaded: wishes on the walls, one fulfilled and confirmed with its points, offers on the resource lists");
    }

    private long wish(long resident, String title, String description, String address) {
        return as(resident, () -> tickets.file(new FileTicket("MICRO_WISH", title, description, new Location(null, null, address),
                null, Kind.WISH, false, List.of(), null, null, null))).id();
    }

    private void toPool(long leader, long ticket) {
        as(leader, () -> tickets.dispatch(ticket, new Dispatch(DispatchTarget.POOL, null, null, null)));
    }

    private void offer(long member, NewResource resource) {
        as(member, () -> resources.offer(resource));
    }

    /** The community the current caller is bound in as a party member. */
    private long community() {
        return caller.bindings().stream().filter(b -> b.role() == Role.PARTY_MEMBER).findFirst().orElseThrow().regionId();
    }

    /**
     * Runs the work as the account, in a request of its own (so {@link Caller} reads that account and its bindings),
     * restoring the request the loader may be running in.
     */
    private <T> T as(long accountId, Supplier<T> work) {
        ManagedContext requests = Arc.container().requestContext();
        InjectableContext.ContextState outer = requests.isActive() ? requests.getState() : null;
        requests.activate();
        try {
            identities.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(Long.toString(accountId)))
                    .build());
            return work.get();
        } finally {
            requests.terminate();
            if (outer != null) {
                requests.activate(outer);
            }
        }
    }
}
