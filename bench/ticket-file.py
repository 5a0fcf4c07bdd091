#!/usr/bin/env python3
"""Files N tickets with their timelines into a district, as COPY data, the way the service writes them.

Usage: bench/ticket-file.py N DISTRICT_JSON OUT_DIR [--seed S] [--batch B]
  DISTRICT_JSON: what bench/generate.sh reads from the database (grids, categories, accounts, first ids, now).
  Writes OUT_DIR/tickets-K.copy and OUT_DIR/events-K.copy per batch of B tickets (default 100,000),
  each file complete before its name is printed on stdout (generate.sh loads it by COPY meanwhile),
  the COPY column lists in OUT_DIR/ticket.columns and OUT_DIR/event.columns. Progress on stderr.

Three years of tickets, ending now: more in summer and on weekdays, by day-time hours; categories
skewed (garbage, parking and noise most, hardship help rare); ~85 % closed, the rest cancelled,
rejected (some as duplicates) or still open (the recent ones); ratings of every kind, reopens (重办)
up to the service's maximum of two, auto-closes after the 7-day window, verifications, extensions,
overdue escalations (YELLOW, then RED past the limit again) as the overdue scan writes them
(extensions are not generated). Each
timeline event carries the typed details TicketFact writes (dispatch deadlines, ratings, levels...),
and each ticket's columns are what its last event left: the invariants the metrics rely on.
Deterministic for a seed.
"""
import bisect
import datetime as dt
import json
import math
import os
import random
import sys
import time

UTC = dt.timezone.utc
ZONE = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has no daylight saving
HOUR = 3600.0
DAY = 86400.0
FEEDBACK_WINDOW = 7 * DAY
MAX_REOPENS = 2

args = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(args[0])
district = json.load(open(args[1]))
out_dir = args[2]
opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
rng = random.Random(int(opts.get("seed", "11")))
BATCH = int(opts.get("batch", "100000"))

NOW = float(district["now"])  # epoch seconds
START = NOW - 3 * 365 * DAY
START -= (START + 8 * HOUR) % DAY  # a local midnight, so each day of the loop is a day in the district

# what people write, per category: titles, and details to make descriptions of
PLACES = ["东门", "西门", "南门", "北门", "小区门口", "地下车库", "楼道", "电梯口", "花园", "菜市场旁", "学校门口", "公交站旁",
          "健身广场", "停车场", "巷子里", "河边步道", "老年活动中心", "幼儿园门口", "便利店门口", "单元门口"]
TEXTS = {
    "GARBAGE": (["垃圾没有清运", "垃圾桶满了没人收", "建筑垃圾乱堆", "垃圾分类点太脏", "大件垃圾堆在路边"],
                ["已经三天没人来收，味道很大", "苍蝇很多，夏天更严重", "影响居民通行", "请尽快安排清运"]),
    "ILLEGAL_PARKING": (["车辆乱停占用消防通道", "电动车堵住楼道", "共享单车乱放", "私家车长期占用车位"],
                        ["救护车进不来", "老人出行不方便", "多次劝说无效", "晚上尤其严重"]),
    "NOISE": (["楼上噪音扰民", "夜间施工噪音", "广场舞音响太吵", "商铺喇叭噪音", "装修噪音"],
              ["晚上十点以后还在响", "孩子无法休息", "周末一大早就开始", "已经持续一周"]),
    "STREETLIGHT": (["路灯不亮", "路灯闪烁", "路灯杆倾斜", "楼道灯坏了"],
                    ["晚上很黑，老人容易摔倒", "已经坏了好几天", "存在安全隐患", "请尽快维修"]),
    "ROAD_DAMAGE": (["路面坑洼", "人行道地砖松动", "井盖破损", "道路积水"],
                    ["下雨天积水很深", "电动车经过容易摔倒", "已经有人受伤", "请尽快修补"]),
    "SEWER_BLOCKED": (["下水道堵塞", "化粪池满溢", "排水沟堵了"],
                      ["污水漫到路面", "臭味很大", "一楼住户进水", "请尽快疏通"]),
    "WATER_SUPPLY": (["水管漏水", "小区停水", "地下室水管漏水", "水压太低"],
                     ["没有提前通知", "漏了一整天", "高层住户没水用", "请尽快抢修"]),
    "NEIGHBOR_DISPUTE": (["邻里纠纷需要调解", "楼上漏水到楼下引发纠纷", "公共区域堆物引起矛盾"],
                         ["双方协商不成", "希望社区出面调解", "已经吵了好几次"]),
    "PROPERTY_DISPUTE": (["物业服务不到位", "物业费争议", "电梯经常故障物业不管"],
                         ["多次反映没有结果", "希望社区协调", "业主意见很大"]),
    "ILLEGAL_BUILDING": (["违章搭建", "楼顶私自加盖", "占用绿地搭棚"],
                         ["影响邻居采光", "存在安全隐患", "请城管核查"]),
    "FIRE_HAZARD": (["消防通道被堵", "楼道私拉电线充电", "灭火器过期"],
                    ["存在火灾隐患", "电动车在楼道充电", "请尽快处理"]),
    "GREENERY_DAMAGE": (["绿化带被毁", "树枝折断挡路", "草坪被占用种菜"],
                        ["影响小区环境", "大风后树枝掉落", "请园林部门处理"]),
    "PET_NUISANCE": (["遛狗不牵绳", "狗叫扰民", "宠物粪便没人清理"],
                     ["孩子被吓到", "晚上一直叫", "小区草坪上到处都是"]),
    "ELDERLY_CARE": (["独居老人需要帮助", "老人行动不便需要代买药品", "高龄老人家中无人照看"],
                     ["子女在外地", "需要定期上门探访", "希望党员帮忙"]),
    "POLICY_QUERY": (["咨询医保报销政策", "咨询养老金领取", "咨询居住证办理", "咨询低保申请条件"],
                     ["不知道需要什么材料", "想了解办理流程", "请告知办理地点"]),
    "ERRAND_SERVICE": (["代办老年证", "代缴水电费", "代办残疾证年审"],
                       ["老人行动不便", "家里没有年轻人", "希望上门服务"]),
    "SOCIAL_ASSISTANCE": (["困难家庭申请救助", "重病家庭需要帮扶", "失业人员生活困难"],
                          ["家里收入很低", "孩子上学有困难", "希望得到帮助"]),
    "MICRO_WISH": (["希望有人陪老人聊天", "想要一套学习用品", "希望帮忙修理轮椅"],
                   ["孩子学习需要", "老人很孤单", "谢谢好心人"]),
}
GENERIC = (["需要社区帮助处理", "问题反映"], ["请尽快处理", "影响居民生活"])
# how often each category is filed (garbage most, hardship help and micro-wishes rarely)
WEIGHTS = {"GARBAGE": 22, "ILLEGAL_PARKING": 16, "NOISE": 12, "STREETLIGHT": 8, "ROAD_DAMAGE": 6, "SEWER_BLOCKED": 5,
           "WATER_SUPPLY": 5, "NEIGHBOR_DISPUTE": 4, "PROPERTY_DISPUTE": 5, "ILLEGAL_BUILDING": 2, "FIRE_HAZARD": 2,
           "GREENERY_DAMAGE": 3, "PET_NUISANCE": 4, "ELDERLY_CARE": 2, "POLICY_QUERY": 5, "ERRAND_SERVICE": 2,
           "SOCIAL_ASSISTANCE": 1, "MICRO_WISH": 1}
RESOLUTIONS = ["已安排人员到场处理，问题已解决", "已联系相关部门处理完毕", "已现场协调，双方达成一致", "已清理完毕", "已维修恢复正常",
               "已向居民解释政策并指引办理"]
COMMENTS = {"SATISFIED": ["处理很及时，谢谢", "态度很好", "党员同志辛苦了", None, None],
            "BASICALLY_SATISFIED": ["基本解决了", "希望以后快一点", None, None],
            "DISSATISFIED": ["还是没有彻底解决", "速度太慢", "问题又出现了", None]}
MONTH = [0.8, 0.75, 0.9, 1.0, 1.1, 1.25, 1.35, 1.3, 1.1, 1.0, 0.9, 0.85]  # summer: more noise, garbage, water
WEEKDAY = [1.15, 1.1, 1.1, 1.05, 1.0, 0.75, 0.7]
HOURS = [0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2.2, 2.4, 2.2, 1.8, 1.3, 1.6, 2.0, 2.0, 1.8, 1.5, 1.2, 1.1, 0.9,
         0.6, 0.35, 0.2]

grids = district["grids"]  # [id, path, lat, lng, radius_deg, street_name, community_name, leader, member, community_index]
party = district["party"]  # per community index: party member ids
residents = district["residents"]  # per grid index: resident ids
units = district["units"]  # [unit id, handler account id]
cats = [c for c in district["categories"] if c["code"] in WEIGHTS] or district["categories"]
cat_cum = []
acc = 0
for c in cats:
    acc += WEIGHTS.get(c["code"], 1)
    cat_cum.append(acc)
hour_cum = []
acc = 0
for h in HOURS:
    acc += h
    hour_cum.append(acc)
# grids differ: a few busy ones, many quiet (a Pareto-like weight per grid)
grid_cum = []
acc = 0
for i in range(len(grids)):
    acc += 1.0 / (1 + (i * 7919 % len(grids)) / 400)
    grid_cum.append(acc)


def pick(cum, items):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


def ts(epoch):
    """A time as COPY reads it, and as the service writes it (UTC, microseconds)."""
    return dt.datetime.fromtimestamp(round(epoch, 6), UTC).isoformat(" ", "microseconds")


def js_time(epoch):
    """A time inside a timeline fact, as JsonTimes writes it."""
    return dt.datetime.fromtimestamp(round(epoch, 6), UTC).isoformat("T", "microseconds")[:-6] + "Z"


def esc(value):
    """A COPY text field."""
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    return str(value)


def limit_seconds(value, unit):
    # working days are taken as calendar days of 24 h here: the deadline is stored, never recomputed
    return value * (HOUR if unit == "HOURS" else DAY)


next_ticket = district["first_ticket_id"]
next_event = district["first_event_id"]
numbers = {int(y): n for y, n in district["numbers"].items()}  # the service's numbers given already, per year


def simulate(filed, cat, g):
    """One ticket's life from filing to now: the ticket's columns and its events."""
    global next_event
    grid_id, path, lat, lng, radius, street, community, leader, member, ci = g
    t = {"status": "SUBMITTED", "matter_class": None, "priority": "NORMAL", "dispatch_target": None, "assignee_id": None,
         "assignee_unit_id": None, "response_due_at": None, "resolution_due_at": None, "feedback_due_at": None,
         "supervision": "NORMAL", "reopen_count": 0, "flagged": False, "duplicate_of": None, "reject_reason": None,
         "resolution": None, "claimed_at": None, "resolved_at": None, "verified_at": None, "closed_at": None,
         "rating": None, "solved": None, "comment": None, "dispatched_at": None, "response_red_at": None,
         "resolution_red_at": None, "escalation": "NORMAL", "version": 0}
    events = []
    clock = [filed]

    def event(at, actor, role, action, frm, to, note=None, details=None):
        events.append((at, actor, role, action, frm, to, note, details))
        t["status"] = to
        t["version"] += 0 if action == "file" else 1
        clock[0] = at

    def later(seconds):
        """The time after the last event, or None when it would be in the future (the ticket waits there)."""
        at = clock[0] + max(1.0, seconds)
        return at if at < NOW else None

    def watch(until, due, red, frm):
        """The overdue scan's escalations between the last event and `until` (or now)."""
        end = NOW if until is None else until
        for level, at in (("YELLOW", due), ("RED", red)):
            order = 1 if level == "YELLOW" else 2
            current = {"NORMAL": 0, "YELLOW": 1, "RED": 2}[t["escalation"]]
            if at is not None and at < end and order > current:
                # the scan runs every few minutes; never before the event before it on the timeline
                scan = max(at + rng.uniform(30, 300), clock[0] + 1)
                if scan < end:
                    t["escalation"] = level
                    if level == "RED" or t["supervision"] == "NORMAL":
                        t["supervision"] = level
                    event(scan, None, "SYSTEM", "escalate", frm, frm, None, {"level": level})

    event(filed, None, None, "file", None, "SUBMITTED")  # actor filled in by the caller
    # 5 % cancelled by the reporter, 5 % rejected, before anyone works on them; 2 % stall in work (a backlog)
    fate = rng.random()
    at = later(rng.expovariate(1 / (2 * HOUR)))
    if at is None:
        return t, events
    stalls = fate > 0.98
    if fate < 0.05:
        event(at, "REPORTER", "RESIDENT", "cancel", "SUBMITTED", "CANCELLED", "问题已自行解决")
        t["closed_at"] = at
        return t, events
    if fate < 0.10:
        reason = rng.choice(["DUPLICATE", "DUPLICATE", "INVALID", "OUT_OF_SCOPE"])
        t["reject_reason"] = reason
        t["closed_at"] = at
        event(at, leader, "GRID_LEADER", "reject", "SUBMITTED", "REJECTED", None, {"reason": reason})
        return t, events
    personal = cat["default_matter_class"] == "PERSONAL" or rng.random() < 0.03
    t["matter_class"] = "PERSONAL" if personal else cat["default_matter_class"]
    t["priority"] = rng.choices(["LOW", "NORMAL", "HIGH", "URGENT"], [10, 70, 15, 5])[0]
    event(at, leader, "GRID_LEADER", "triage", "SUBMITTED", "TRIAGED", None,
          {"matterClass": t["matter_class"], "priority": t["priority"], "categoryCode": cat["code"]})
    while True:
        if personal:
            at = later(rng.expovariate(1 / (6 * HOUR)))
            if at is None:
                return t, events
            resolver, role = leader, "GRID_LEADER"
        else:
            at = later(rng.uniform(60, 1800))
            if at is None:
                return t, events
            response = limit_seconds(cat["response_limit"], cat["response_limit_unit"])
            resolution = limit_seconds(cat["resolution_limit"], cat["resolution_limit_unit"])
            target = "UNIT" if t["matter_class"] == "MAJOR" and rng.random() < 0.6 else rng.choice(["POOL", "POOL", "ACCOUNT"])
            unit = rng.choice(units) if target == "UNIT" else None
            t["dispatch_target"] = target
            t["assignee_id"] = member if target == "ACCOUNT" else None
            t["assignee_unit_id"] = unit[0] if unit else None
            t["dispatched_at"] = at
            t["response_due_at"], t["response_red_at"] = at + response, at + 2 * response
            t["resolution_due_at"], t["resolution_red_at"] = at + resolution, at + 2 * resolution
            t["escalation"] = "NORMAL"
            event(at, leader, "GRID_LEADER", "dispatch", t["status"], "DISPATCHED", None,
                  {"target": target, "assigneeId": t["assignee_id"], "unitId": t["assignee_unit_id"],
                   "responseDueAt": js_time(t["response_due_at"]), "resolutionDueAt": js_time(t["resolution_due_at"])})
            # most are claimed within the limit, some late (the scan raises them first)
            claim_after = response * (rng.uniform(0.05, 0.9) if rng.random() < 0.97 else rng.uniform(1.0, 2.2))
            claim_at = None if stalls and rng.random() < 0.5 else later(claim_after)
            watch(claim_at, t["response_due_at"], t["response_red_at"], "DISPATCHED")
            if claim_at is None:
                return t, events
            if target == "POOL":
                resolver, role = rng.choice(party[ci]), "PARTY_MEMBER"
            elif target == "ACCOUNT":
                resolver, role = member, "GRID_MEMBER"
            else:
                resolver, role = unit[1], "UNIT_HANDLER"
            t["assignee_id"] = resolver
            t["claimed_at"] = claim_at
            t["escalation"] = "NORMAL"
            event(claim_at, resolver, role, "claim", "DISPATCHED", "CLAIMED")
            at = later(rng.uniform(300, 4 * HOUR))
            if at is None:
                return t, events
            event(at, resolver, role, "start", "CLAIMED", "IN_PROGRESS")
            if rng.random() < 0.3:
                at = later(rng.uniform(HOUR, resolution / 3))
                if at is None:
                    return t, events
                event(at, resolver, role, "note", "IN_PROGRESS", "IN_PROGRESS", "正在协调处理中")
            resolve_after = resolution * (rng.uniform(0.1, 0.9) if rng.random() < 0.96 else rng.uniform(1.0, 2.2))
            resolve_at = None if stalls else later(max(resolve_after - (clock[0] - t["claimed_at"]), 60))
            watch(resolve_at, t["resolution_due_at"], t["resolution_red_at"], "IN_PROGRESS")
            if resolve_at is None:
                return t, events
            at = resolve_at
        text = RESOLUTIONS[-1] if personal else rng.choice(RESOLUTIONS[:-1])
        t["resolution"], t["resolved_at"], t["verified_at"] = text, at, None
        needs_verification = cat["verification_required"]
        t["feedback_due_at"] = None if needs_verification else at + FEEDBACK_WINDOW
        event(at, resolver, role, "resolve", t["status"], "RESOLVED", text)
        if needs_verification:
            at = later(rng.uniform(HOUR, DAY))
            if at is None:
                return t, events
            if rng.random() < 0.05 and not personal:
                t["feedback_due_at"] = None
                event(at, leader, "GRID_LEADER", "verify", "RESOLVED", "IN_PROGRESS", "现场核查未整改到位", {"passed": False})
                again = later(rng.uniform(HOUR, DAY))
                watch(again, t["resolution_due_at"], t["resolution_red_at"], "IN_PROGRESS")
                if again is None:
                    return t, events
                t["resolved_at"] = again
                event(again, resolver, role, "resolve", "IN_PROGRESS", "RESOLVED", text)
                at = later(rng.uniform(HOUR, DAY))
                if at is None:
                    return t, events
            t["verified_at"] = at
            t["feedback_due_at"] = at + FEEDBACK_WINDOW
            event(at, leader, "GRID_LEADER", "verify", "RESOLVED", "RESOLVED", None, {"passed": True})
        if rng.random() < 0.28:  # no rating within the window: the job closes it unrated
            at = t["feedback_due_at"] + rng.uniform(30, 300)
            if at >= NOW:
                return t, events
            t["rating"], t["solved"], t["closed_at"] = "NOT_RATED", None, at
            event(at, None, "SYSTEM", "auto-close", "RESOLVED", "CLOSED", None, {"rating": "NOT_RATED"})
            return t, events
        at = later(rng.uniform(HOUR, 3 * DAY))
        if at is None:
            return t, events
        rating = rng.choices(["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"], [74, 17, 9])[0]
        solved = {"SATISFIED": rng.choices(["SOLVED", "PARTLY"], [95, 5])[0],
                  "BASICALLY_SATISFIED": rng.choices(["SOLVED", "PARTLY", "UNSOLVED"], [55, 40, 5])[0],
                  "DISSATISFIED": rng.choices(["PARTLY", "UNSOLVED"], [30, 70])[0]}[rating]
        comment = rng.choice(COMMENTS[rating])
        t["rating"], t["solved"], t["comment"] = rating, solved, comment
        if rating != "DISSATISFIED" or t["reopen_count"] >= MAX_REOPENS:
            t["flagged"] = rating == "DISSATISFIED"
            t["closed_at"] = at
            event(at, "REPORTER", "RESIDENT", "feedback", "RESOLVED", "CLOSED", comment, {"rating": rating, "solved": solved})
            return t, events
        # 重办: back to triage, the assignment and the clock cleared, then dispatched again
        t["reopen_count"] += 1
        for k in ("dispatch_target", "assignee_id", "assignee_unit_id", "claimed_at", "dispatched_at", "response_due_at",
                  "response_red_at", "resolution_due_at", "resolution_red_at", "resolution", "resolved_at",
                  "verified_at", "feedback_due_at"):
            t[k] = None
        t["escalation"] = "NORMAL"
        event(at, "REPORTER", "RESIDENT", "feedback", "RESOLVED", "TRIAGED", comment, {"rating": rating, "solved": solved})


TICKET_COLUMNS = ("id, district_id, number, kind, category_id, title, description, lat, lng, address, grid_id, grid_path,"
                  " reporter_id, reporter_name, reporter_phone, anonymous, source, matter_class, priority, status,"
                  " dispatch_target, assignee_id, assignee_unit_id, response_due_at, resolution_due_at, feedback_due_at,"
                  " supervision, reopen_count, flagged_for_community, duplicate_of, reject_reason, resolution, claimed_at,"
                  " resolved_at, verified_at, closed_at, rating, solved, feedback_comment, version, created_at, updated_at,"
                  " dispatched_at, response_red_at, resolution_red_at, escalation")
EVENT_COLUMNS = "id, ticket_id, district_id, actor_id, actor_role, action, from_status, to_status, note, created_at, details"


def day_weights():
    days = []
    day = START
    while day < NOW:
        d = dt.datetime.fromtimestamp(day, ZONE)
        days.append(MONTH[d.month - 1] * WEEKDAY[d.weekday()] * (0.85 + 0.15 * (day - START) / (NOW - START)))
        day += DAY
    return days


def main():
    global next_ticket, next_event
    weights = day_weights()
    total = sum(weights)
    # how many tickets each day gets: the weights' shares, rounded so they sum to N
    counts, acc_prev = [], 0
    acc = 0.0
    for w in weights:
        acc += N * w / total
        counts.append(round(acc) - acc_prev)
        acc_prev = round(acc)
    batch, tickets_out, events_out, written, started = 0, None, None, 0, time.time()
    recent_by_grid = {}

    def open_batch():
        nonlocal batch, tickets_out, events_out
        tickets_out = open(os.path.join(out_dir, f"tickets-{batch}.copy.part"), "w", encoding="utf-8", newline="\n")
        events_out = open(os.path.join(out_dir, f"events-{batch}.copy.part"), "w", encoding="utf-8", newline="\n")

    def close_batch():
        nonlocal batch
        tickets_out.close()
        events_out.close()
        for name in (f"tickets-{batch}.copy", f"events-{batch}.copy"):
            os.rename(os.path.join(out_dir, name + ".part"), os.path.join(out_dir, name))
        print(batch, flush=True)
        batch += 1

    for name, columns in (("ticket.columns", TICKET_COLUMNS), ("event.columns", EVENT_COLUMNS)):
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(columns)
    open_batch()
    for d, count in enumerate(counts):
        day = START + d * DAY
        if day + DAY <= NOW:
            times = sorted(day + (bisect.bisect_right(hour_cum, rng.random() * hour_cum[-1]) + rng.random()) * HOUR
                           for _ in range(count))
        else:  # today, until now
            times = sorted(rng.uniform(day, NOW - 1) for _ in range(count))
        for filed in times:
            gi = bisect.bisect_right(grid_cum, rng.random() * grid_cum[-1])
            g = grids[gi]
            cat = pick(cat_cum, cats)
            t, events = simulate(filed, cat, g)
            tid = next_ticket
            next_ticket += 1
            year = dt.datetime.fromtimestamp(filed, ZONE).year
            numbers[year] = numbers.get(year, 0) + 1
            number = f"GL-{year}-{numbers[year]:06d}"
            source = rng.choices(["MINI_PROGRAM", "PATROL", "HOTLINE", "WALK_IN"], [60, 22, 13, 5])[0]
            grid_residents = residents[gi]
            reporter_id, reporter_name, reporter_phone, filer, filer_role = None, None, None, None, None
            if source == "MINI_PROGRAM" and grid_residents:
                reporter_id = rng.choice(grid_residents)
                filer, filer_role = reporter_id, "RESIDENT"
            elif source == "PATROL":
                reporter_id = g[8]
                filer, filer_role = reporter_id, "GRID_MEMBER"
            else:
                source = "HOTLINE" if source == "MINI_PROGRAM" else source
                reporter_name = rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(["先生", "女士", "阿姨", "大爷"])
                reporter_phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
                filer, filer_role = g[7], "GRID_LEADER"
            if t.get("reject_reason") == "DUPLICATE" and recent_by_grid.get(gi):
                t["duplicate_of"] = recent_by_grid[gi]
            recent_by_grid[gi] = tid
            titles, details = TEXTS.get(cat["code"], GENERIC)
            place = rng.choice(PLACES)
            building = rng.randrange(1, 40)
            title = f"{g[6]}{place}{rng.choice(titles)}"[:100]
            description = (f"{building}号楼{rng.choice(['', str(rng.randrange(1, 6)) + '单元'])}附近，"
                           f"{rng.choice(details)}，{rng.choice(details)}。")
            angle, r = rng.uniform(0, 2 * math.pi), g[4] * 0.6 * math.sqrt(rng.random())
            lat, lng = round(g[2] + r * math.sin(angle), 6), round(g[3] + r * math.cos(angle), 6)
            address = f"{g[5]}{g[6]}{building}号楼"
            last = events[-1][0]
            cols = (tid, district["district_id"], number, "WISH" if cat["code"] == "MICRO_WISH" else "ISSUE", cat["id"],
                    title, description, lat, lng, address, g[0], g[1], reporter_id, reporter_name, reporter_phone,
                    rng.random() < 0.05 and reporter_id is not None and source == "MINI_PROGRAM", source,
                    t["matter_class"], t["priority"], t["status"], t["dispatch_target"], t["assignee_id"],
                    t["assignee_unit_id"], ts(t["response_due_at"]) if t["response_due_at"] else None,
                    ts(t["resolution_due_at"]) if t["resolution_due_at"] else None,
                    ts(t["feedback_due_at"]) if t["feedback_due_at"] else None, t["supervision"], t["reopen_count"],
                    t["flagged"], t["duplicate_of"], t["reject_reason"], t["resolution"],
                    ts(t["claimed_at"]) if t["claimed_at"] else None, ts(t["resolved_at"]) if t["resolved_at"] else None,
                    ts(t["verified_at"]) if t["verified_at"] else None, ts(t["closed_at"]) if t["closed_at"] else None,
                    t["rating"], t["solved"], t["comment"], t["version"], ts(filed), ts(last),
                    ts(t["dispatched_at"]) if t["dispatched_at"] else None,
                    ts(t["response_red_at"]) if t["response_red_at"] else None,
                    ts(t["resolution_red_at"]) if t["resolution_red_at"] else None, t["escalation"])
            tickets_out.write("\t".join(esc(c) for c in cols) + "\n")
            for at, actor, role, action, frm, to, note, facts in events:
                if action == "file":
                    actor, role = filer, filer_role
                elif actor == "REPORTER":  # a caller by phone: the staff who took the call enter what they said
                    actor, role = filer, filer_role
                if facts is not None and action == "reject" and t["duplicate_of"] is not None:
                    facts = dict(facts, duplicateOf=t["duplicate_of"])
                row = (next_event, tid, district["district_id"], actor, role, action, frm, to, note, ts(at),
                       None if facts is None else json.dumps(facts, ensure_ascii=False))
                next_event += 1
                events_out.write("\t".join(esc(c) for c in row) + "\n")
            written += 1
            if written % BATCH == 0:
                if written < N:  # the last batch is closed below, with no empty one after it
                    close_batch()
                    open_batch()
                rate = written / (time.time() - started)
                print(f"generated {written:,} / {N:,} tickets ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    close_batch()
    print("done", flush=True)


main()
