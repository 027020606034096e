#!/usr/bin/env python3
"""Write a generated contact-centre site with a rostered week, for `rota cover`.

    python3 bench/cover_site.py --agents 1000 --seed 1 --out DIR

DIR gets site.ini, contracts.csv, staff.csv, shifts.csv, forecast.csv and
roster.csv (the week of Monday 2026-11-30), ready for `rota import DIR`.
Europe/London, 15-minute intervals, open 07:00-22:00; skills voice (60% of
the agents), chat (15%), both (25%); 70% full-time (five 8-hour shifts, two
days off together, 4 h of overtime allowed), 30% part-time (three shifts,
up to 24 h, 8 h of overtime).  Shift templates start every hour from 07:00
to 13:00 (9 h with a 1 h break); each agent keeps one template all week, so
the rest rule holds.  The forecast asks for about what the roster gives,
with noise, so some intervals are short and some over, as on a real site.
Deterministic for a seed.
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    def write(name, text):
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
            f.write(text)

    write("site.ini", """[site]
name = Generated site
timezone = Europe/London
interval_min = 15

[skill.voice]
sl = 0.8
answer_s = 20
max_occupancy = 0.9

[skill.chat]
sl = 0.8
answer_s = 60
concurrency = 2

[leave.annual]
paid = yes

[leave.sick]
paid = yes
planned = no

[operations]
notice_hours = 12
""")
    write("contracts.csv",
          "id,min_week_min,max_week_min,max_days_week,max_consecutive_days,"
          "min_rest_min,max_overtime_min,overtime_weight\n"
          "ft40,2400,2400,5,6,660,240,1\n"
          "pt24,960,1440,4,6,660,480,1\n")
    starts = list(range(7, 14))
    write("shifts.csv", "code,name,start,length_min,break_min,days\n" +
          "".join(f"S{h:02d},Start {h:02d}:00,{h:02d}:00,540,60,Mon-Sun\n"
                  for h in starts))
    staff = ["id,name,team,contract,skills"]
    roster = ["employee,date,shift"]
    days = [f"2026-{m:02d}-{d:02d}" for m, d in
            [(11, 30), (12, 1), (12, 2), (12, 3), (12, 4), (12, 5), (12, 6)]]
    # agents on the queues per (day, hour) and skill, for the forecast
    load = {}
    for i in range(a.agents):
        eid = f"G{i + 1:04d}"
        r = rng.random()
        skills = "voice" if r < 0.6 else "chat" if r < 0.75 else "voice;chat"
        ft = rng.random() < 0.7
        staff.append(f"{eid},Agent {i + 1},team{i % 10:02d},"
                     f"{'ft40' if ft else 'pt24'},{skills}")
        h = starts[rng.randrange(len(starts))]
        if ft:
            off = rng.randrange(7)
            work = [d for d in range(7) if d not in (off, (off + 1) % 7)]
        else:
            work = sorted(rng.sample(range(7), 3))
        for d in work:
            roster.append(f"{eid},{days[d]},S{h:02d}")
            for hh in range(h, h + 9):
                if hh == h + 4:
                    continue  # the break
                for k in skills.split(";"):
                    key = (d, hh, k)
                    load[key] = load.get(key, 0) + 1.0 / len(skills.split(";"))
    write("staff.csv", "\n".join(staff) + "\n")
    write("roster.csv", "\n".join(roster) + "\n")
    fc = ["start,skill,contacts,aht_s"]
    for d in range(7):
        for hh in range(7, 22):
            for k, aht in (("voice", 240), ("chat", 420)):
                n = load.get((d, hh, k), 0)
                for q in range(4):
                    # about 85% of what the agents there can carry
                    traffic = n * 0.85 * (2 if k == "chat" else 1)
                    c = traffic * 900 / aht * rng.uniform(0.8, 1.15)
                    fc.append(f"{days[d]} {hh:02d}:{q * 15:02d},{k},"
                              f"{c:.1f},{aht}")
    write("forecast.csv", "\n".join(fc) + "\n")


if __name__ == "__main__":
    main()
