package io.gridloop.bench;

import java.util.List;

/** The request bodies the load generator sends, as records that Jackson writes. */
final class Bodies {

    private Bodies() {
    }

    record Login(String username, String password) {
    }

    record Location(double lat, double lng, String address) {
    }

    /** A resident's ticket without gridId: the service locates its grid (as bench/filing.pgbench does). */
    record FileTicket(String categoryCode, String title, String description, Location location) {
    }

    record Triage(String matterClass, String priority, String note) {
    }

    record Dispatch(String target) {
    }

    record Resolve(String resolution) {
    }

    record Feedback(String rating, String solved, String comment) {
    }

    record RoleBinding(String role, long regionId) {
    }

    /** A claimer made for a race: it claims with the password it was given, so it need not choose its own first. */
    record NewAccount(String username, String password, String name, List<RoleBinding> roles, boolean mustChangePassword) {
    }

    /** GARBAGE needs no verification, so feedback closes the ticket; the text matches bench/filing.pgbench. */
    static final FileTicket GARBAGE = new FileTicket("GARBAGE", "小区东门垃圾未清运", "东门口两个垃圾桶两天没人清运，天热气味很大。",
            new Location(30.2025, 120.1025, "幸福社区东门"));
    static final Triage MINOR = new Triage("MINOR", "NORMAL", "小区内环境卫生，社区处理");
    static final Dispatch TO_POOL = new Dispatch("POOL");
    static final Resolve RESOLVED = new Resolve("已联系保洁清运，垃圾桶已清空消毒。");
    static final Feedback SATISFIED = new Feedback("SATISFIED", "SOLVED", "很快，谢谢");
}
