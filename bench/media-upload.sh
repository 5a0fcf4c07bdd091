#!/usr/bin/env bash
# 20 concurrent 10 MB uploads to POST /api/v1/media, on one service instance (demo profile, its own
# embedded PostgreSQL, the file system store): throughput in MB/s and the service's heap before, during
# (the highest of samples every 0.2 s), after, and after a full collection (jcmd GC.run), read from its Micrometer metrics on the management
# interface. Two kinds of file: a PDF (checked and streamed to the store) and a large JPEG photo
# (decoded, turned upright, re-encoded: at most gridloop.media.decode-concurrency at once).
# Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/media-upload.sh
#   CONCURRENCY=20   uploads at once
#   ROUNDS=3         rounds of CONCURRENCY uploads per kind of file
#   HEAP=512m        the service's -Xmx
#   BENCH_PORT=18095 the service's HTTP port (management: +1000)
#   KEEP=1           keep the data directory and log
#
# Builds the jar if it is missing (rebuild it after changing the code: ./mvnw -o -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONCURRENCY=${CONCURRENCY:-20}
ROUNDS=${ROUNDS:-3}
HEAP=${HEAP:-512m}
PORT=${BENCH_PORT:-18095}
data=$(mktemp -d)
pid= sampler=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  [[ -n $sampler ]] && kill "$sampler" 2>/dev/null
  stop_pid "$pid"
  stop_embedded_postgres "$data"
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept: $data"; else rm -rf "$data"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_service target/quarkus-app/quarkus-run.jar
export QUARKUS_HTTP_HOST=127.0.0.1 GRIDLOOP_DATA_DIR=$data
QUARKUS_PROFILE=demo QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port $PORT) \
  java -Xmx"$HEAP" -jar target/quarkus-app/quarkus-run.jar >"$data/service.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" "$data/service.log"
api=http://127.0.0.1:$PORT/api/v1
metrics=http://127.0.0.1:$(management_port $PORT)/q/metrics
token=$(curl -sf -X POST "$api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"resident1","password":"gridloop"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

# the heap in use now, in MB: every heap pool of jvm_memory_used_bytes added up
heap_mb() { curl -sf "$metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }'; }

# the files: a 10,000,000-byte PDF, and a JPEG photo of noise (which compresses badly) near 10 MB
pdf=$data/ten-mb.pdf
{ printf '%%PDF-1.4\n%% '; head -c 7400000 /dev/urandom | base64 -w 120; } | head -c 9999994 >"$pdf"
printf '\n%%%%EOF\n' >>"$pdf"
jpeg=$data/photo.jpg
cat >"$data/Noise.java" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

public class Noise {
    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args[1]), h = Integer.parseInt(args[2]);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, random.nextInt(0x1000000));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.75f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(args[0]))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
    }
}
JAVA
java "$data/Noise.java" "$jpeg" 2600 1950
echo "machine: $(nproc) cores; uptime: $(uptime)"
echo "files: PDF $(stat -c %s "$pdf") bytes, JPEG $(stat -c %s "$jpeg") bytes (2600x1950); service -Xmx$HEAP"

run() { # label file
  local file=$1 label=$2 size before peak after collected start end ok
  size=$(stat -c %s "$file")
  before=$(heap_mb)
  : >"$data/peak"
  ( while :; do heap_mb >>"$data/peak"; echo >>"$data/peak"; sleep 0.2; done ) &
  sampler=$!
  start=$(date +%s%N)
  for _ in $(seq 1 "$ROUNDS"); do
    seq 1 "$CONCURRENCY" | xargs -P "$CONCURRENCY" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
      -H "Authorization: Bearer $token" -F "file=@$file" "$api/media" >>"$data/codes-$label"
  done
  end=$(date +%s%N)
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; sampler=
  after=$(heap_mb)
  jcmd "$pid" GC.run >/dev/null && sleep 0.5
  collected=$(heap_mb)
  peak=$(grep -v '^$' "$data/peak" | sort -n | tail -1)
  ok=$(grep -c '^201$' "$data/codes-$label" || true)
  printf "%-5s %d uploads (%d at once): %d answered 201 in %.1f s: %.1f MB/s; heap MB before %s, highest during %s, after %s, after a full collection %s\n" \
    "$label" "$((ROUNDS * CONCURRENCY))" "$CONCURRENCY" "$ok" "$(echo "($end - $start) / 1000000000" | bc -l)" \
    "$(echo "$ROUNDS * $CONCURRENCY * $size / 1000000 / (($end - $start) / 1000000000)" | bc -l)" "$before" "$peak" "$after" "$collected"
}

run "$pdf" pdf
run "$jpeg" jpeg
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
