package io.gridloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Who used the CPU during a phase, from /proc/PID/stat (utime + stime): the service JVM, PostgreSQL
 * (the postmaster, the children it has reaped, and its live backends), this program, and the
 * programs it ran and waited for (pgbench). Of the service's, also the share of its JIT compiler threads
 * (/proc/PID/task/TID/stat, named "C1 CompilerThre…" and "C2 CompilerThre…"): a one-off cost of warming up
 * that still took a core of this machine's two three minutes into a run (docs/benchmarks.md), so a phase can
 * tell what its requests cost from what compiling the code cost.
 */
final class Cpu {

    /** USER_HZ on Linux. */
    private static final double TICKS = 100.0;

    private final String servicePid;
    private final String postmasterPid;

    Cpu(String servicePid, String postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    /** CPU seconds used so far. */
    record Snapshot(long nanoTime, double service, double serviceJit, double postgres, double self, double children) {
    }

    /** CPU seconds used over a phase of {@code seconds} wall-clock seconds. */
    record Usage(double seconds, double service, double serviceJit, double postgres, double self, double children) {

        /** Milliseconds of CPU per unit of work (a request, a pgbench transaction). */
        double serviceMsPer(long units) {
            return units == 0 ? Double.NaN : service * 1000 / units;
        }

        /** Of {@link #serviceMsPer}, the milliseconds its JIT compiler threads used. */
        double serviceJitMsPer(long units) {
            return units == 0 ? Double.NaN : serviceJit * 1000 / units;
        }

        double postgresMsPer(long units) {
            return units == 0 ? Double.NaN : postgres * 1000 / units;
        }

        /** Cores kept busy on average, the client being this program or the program it ran. */
        String cores(String client, boolean childClient) {
            return String.format(Locale.ROOT, "service JVM %.2f, PostgreSQL %.2f, %s %.2f cores busy (of %d)",
                    service / seconds, postgres / seconds, client, (childClient ? children : self) / seconds,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    Snapshot snapshot() {
        double[] self = times("self");
        return new Snapshot(System.nanoTime(), servicePid == null ? 0 : times(servicePid)[0],
                servicePid == null ? 0 : compilerThreads(servicePid), postgres(), self[0], self[1]);
    }

    Usage since(Snapshot before) {
        Snapshot now = snapshot();
        return new Usage((now.nanoTime - before.nanoTime) / 1e9, now.service - before.service,
                now.serviceJit - before.serviceJit, now.postgres - before.postgres, now.self - before.self,
                now.children - before.children);
    }

    /** CPU seconds the JVM's JIT compiler threads used so far (HotSpot names them "C1 CompilerThreadN", "C2 …"). */
    private static double compilerThreads(String pid) {
        double total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks.toList()) {
                String[] fields = stat(pid + "/task/" + task.getFileName());
                if (fields != null && fields[1].matches("C[12] CompilerThre.*")) {
                    total += times(fields)[0];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    private double postgres() {
        if (postmasterPid == null) {
            return 0;
        }
        double[] postmaster = times(postmasterPid);
        double total = postmaster[0] + postmaster[1];
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(dir.getFileName().toString());
                if (fields != null && fields[3].equals(postmasterPid)) {
                    total += times(fields)[0];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    /** {own utime + stime, reaped children's cutime + cstime} in seconds. */
    private static double[] times(String pid) {
        String[] fields = stat(pid);
        return fields == null ? new double[] { 0, 0 } : times(fields);
    }

    private static double[] times(String[] f) {
        return new double[] { (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS,
                (Long.parseLong(f[15]) + Long.parseLong(f[16])) / TICKS };
    }

    /** /proc/PID/stat as fields numbered as in proc(5) from 0, the command name (which may hold spaces) as one. */
    private static String[] stat(String pid) {
        try {
            String s = Files.readString(Path.of("/proc", pid, "stat"));
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = pid;
            fields[1] = s.substring(s.indexOf('(') + 1, close);
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException e) {
            return null; // the process has gone: a backend that exited mid-scan
        }
    }
}
