#!/usr/bin/env bash
# Checks claimmark's Label Studio export against the real Label Studio 1.23.2 (see
# ../shared/REAL-PROGRAMS.md): a project whose text has a flag, a skin-toned emoji,
# Cyrillic and Urdu is exported with `claimmark export --format label-studio`, imported
# into a fresh Label Studio project with the labeling config written beside the export,
# and exported back by Label Studio itself, as JSON and as CONLL2003. The CONLL export is
# made by Label Studio's own Python converter from the stored offsets, so every claim's
# words carry its tag only when the offsets are the code points Label Studio counts.
# One claim sits in a passage quoted from another outlet: Label Studio must keep the
# outlet and `via` claimmark writes in its region's meta.
#
# Not part of `cargo test`: it installs Label Studio with pip (~2.5 min the first time),
# starts its server (~2 min the first time) and needs the package registry. Nothing
# outside WORK is written; the server is stopped by its PID at the end.
#
#   scripts/check-label-studio.sh              # WORK defaults to /tmp/claimmark-real-programs
#   WORK=/some/dir PORT=8081 scripts/check-label-studio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${WORK:-/tmp/claimmark-real-programs}
port=${PORT:-8080}
mkdir -p "$work"

cargo build --quiet --bin claimmark
claimmark=$repo/target/debug/claimmark

# A project with the text the issue tried in Label Studio, and three claims on it.
rm -rf "$work/export" && mkdir -p "$work/export" && cd "$work/export"
printf '%s' 'Islamabad 🇵🇰 — Officials said trade rose 40% to $1.2 billion 👍🏽 last year. Минобороны: 7 млрд долларов. چالیس فیصد اضافہ' > islamabad.txt
"$claimmark" new "Real Label Studio check" -o check.ron
"$claimmark" add-document check.ron islamabad.txt --outlet Dawn >/dev/null
# The Russian sentence as a passage quoted from another outlet: its claim's region
# carries the passage's outlet and the document's as `via` (issue 15).
"$claimmark" add-passage check.ron islamabad --from 'Минобороны' --to 'долларов.' --outlet TASS --affiliation state-media >/dev/null
"$claimmark" mark check.ron islamabad --quote '40% to $1.2 billion' --kind statistic >/dev/null
"$claimmark" mark check.ron islamabad --quote '7 млрд долларов' --kind money >/dev/null
"$claimmark" mark check.ron islamabad --quote 'فیصد' --kind statistic >/dev/null
"$claimmark" export check.ron --format label-studio -o tasks.json --force

if [ ! -x "$work/ls-venv/bin/label-studio" ]; then
    echo "check-label-studio: installing label-studio==1.23.2 into $work/ls-venv" >&2
    python3 -m venv "$work/ls-venv"
    "$work/ls-venv/bin/pip" install --quiet label-studio==1.23.2
fi

echo "check-label-studio: starting Label Studio on port $port" >&2
LABEL_STUDIO_BASE_DATA_DIR=$work/ls-data COLLECT_ANALYTICS=false \
    "$work/ls-venv/bin/label-studio" start --no-browser --host 127.0.0.1 --port "$port" \
    --username check@example.com --password check-password >"$work/ls.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

"$work/ls-venv/bin/python" - "$port" "$work/export/tasks.json" "$work/export/tasks.config.xml" <<'PYTHON'
import http.cookiejar, json, sys, time, urllib.error, urllib.parse, urllib.request

port, tasks_path, config_path = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def csrf():
    return next((c.value for c in jar if c.name == "csrftoken"), "")

def call(method, path, body=None, form=None):
    headers = {"Referer": base + "/", "X-CSRFToken": csrf()}
    data = None
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with opener.open(request, timeout=120) as response:
        return response.read()

for _ in range(600):
    try:
        call("GET", "/user/login/")
        break
    except (urllib.error.URLError, ConnectionError):
        time.sleep(1)
else:
    sys.exit("check-label-studio: Label Studio did not answer within 10 minutes")
call("POST", "/user/login/", form={"email": "check@example.com", "password": "check-password",
                                   "csrfmiddlewaretoken": csrf()})

config = open(config_path, encoding="utf-8").read()
project = json.loads(call("POST", "/api/projects/", {"title": "claimmark check", "label_config": config}))
tasks = json.load(open(tasks_path, encoding="utf-8"))
call("POST", f"/api/projects/{project['id']}/import", tasks)

failures = []
exported_bytes = call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
# Kept for the import back into claimmark below.
with open(sys.argv[2].replace("tasks.json", "label-studio-export.json"), "wb") as out:
    out.write(exported_bytes)
exported = json.loads(exported_bytes)
for task in exported:
    text = task["data"]["text"]
    for annotation in task["annotations"]:
        for region in annotation["result"]:
            value = region["value"]
            sliced = text[value["start"]:value["end"]]
            print(f"  {value['start']}..{value['end']}: {sliced!r} (value.text {value['text']!r})")
            if sliced != value["text"]:
                failures.append(f"text[{value['start']}:{value['end']}] is {sliced!r}, not {value['text']!r}")

# Whose text a claim is travels in the region's meta, and Label Studio keeps it.
regions = [r for t in exported for a in t["annotations"] for r in a["result"]]
money = [r.get("meta", {}) for r in regions if r["value"]["labels"] == ["money"]]
whose = [(m.get("outlet"), m.get("via")) for m in money]
print(f"  the quoted claim's outlet and via after Label Studio: {whose}")
if whose != [("TASS", "Dawn")]:
    failures.append(f"the claim in the passage came back with outlet and via {whose}, not TASS via Dawn")
others = {(r.get("meta", {}).get("outlet"), r.get("meta", {}).get("via")) for r in regions if r["value"]["labels"] != ["money"]}
if others != {("Dawn", None)}:
    failures.append(f"the claims outside the passage came back with {others}, not Dawn with no via")

conll = call("GET", f"/api/projects/{project['id']}/export?exportType=CONLL2003").decode("utf-8")
tagged = {}
for line in conll.splitlines():
    parts = line.split()
    if len(parts) >= 2 and parts[-1] != "O" and not line.startswith("-DOCSTART-"):
        tag = parts[-1].split("-", 1)[1]
        tagged.setdefault(tag, []).append(parts[0])
print(f"  CONLL2003 by Label Studio: {tagged}")
# The converter tags whole tokens, so a full stop glued to the last word comes along;
# offsets in any other unit would tag other words ("rose 40% ... billi").
wanted = {"statistic": "40%to$1.2billionفیصد", "money": "7млрддолларов"}
for tag, words in wanted.items():
    got = tagged.get(tag, [])
    if "".join(got).rstrip(".,:;") != words:
        failures.append(f"CONLL2003 tags {tag} on {got}, expected the words of {words!r}")

if failures:
    print("check-label-studio: FAILED\n  " + "\n  ".join(failures))
    sys.exit(1)
print("check-label-studio: Label Studio 1.23.2 reads claimmark's offsets as the claims' own text")
PYTHON

# Label Studio's own export, read back by claimmark: every region becomes a claim on the
# same words.
cd "$work/export"
rm -f back.ron back.jsonl
"$claimmark" import back.ron --format label-studio label-studio-export.json
"$claimmark" export back.ron --format jsonl -o back.jsonl
"$work/ls-venv/bin/python" - back.jsonl <<'PYTHON'
import json, sys
quotes = set()
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    for claim in record.get("claims", record.get("spans", [])):
        quotes.add(record["text"][claim["start"]:claim["end"]])
wanted = {"40% to $1.2 billion", "7 млрд долларов", "فیصد"}
if quotes != wanted:
    print(f"check-label-studio: FAILED: claimmark read {sorted(quotes)} back, expected {sorted(wanted)}")
    sys.exit(1)
print("check-label-studio: claimmark reads Label Studio's export back as the same claims")
PYTHON
