#!/usr/bin/env python3
"""Generate the contact-center example (deterministic; outputs are committed).

A Shanghai customer-service site: 60 agents in three teams, skills voice,
chat and complaints, open 08:00-22:00 every day, 30-minute intervals, two
weeks of forecast (2026-11-23 and 2026-11-30) with a weekday/weekend pattern,
a morning and lunch peak and an evening peak.

Run:  python3 examples/contact-center/generate.py   (rewrites the CSV files)
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261127)

SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗".split()
SURNAMES_PY = ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu "
               "hu guo he gao lin luo").split()
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 晨 雪 婷 浩 宇 欣 佳 琳".split()
GIVEN_PY = ("wei fang na min jing li qiang lei yang yan yong jun jie juan tao "
            "ming chao xiuying xia ping gang guiying chen xue ting hao yu xin "
            "jia lin").split()


def staff():
    rows = []
    teams = [("hotline-a", 20), ("hotline-b", 20), ("digital", 20)]
    n = 0
    used = set()
    for team, size in teams:
        for i in range(size):
            n += 1
            while True:
                s = rng.randrange(len(SURNAMES))
                g = rng.randrange(len(GIVEN))
                if (s, g) not in used:
                    used.add((s, g))
                    break
            name = SURNAMES[s] + GIVEN[g]
            email = f"{GIVEN_PY[g]}.{SURNAMES_PY[s]}{n:02d}@example.cn"
            # contracts: 15 of 20 full-time in each team, the rest part-time
            contract = "ft40" if i < 15 else ("pt20" if i % 2 else "pt30")
            if team == "hotline-a":
                skills = "voice:3" if i % 2 else "voice:4;complaints:3"
            elif team == "hotline-b":
                skills = "voice:3" if i % 4 else "voice:3;chat:2"
            else:
                skills = "chat:3" if i % 3 else "chat:3;complaints:2"
                if i in (1, 2):
                    skills = "chat:3;voice:2"
            rows.append((f"A{n:03d}", name, email, team, contract, skills))
    return rows


def erlang_c_agents(contacts, aht, interval_s, sl, t, occ):
    """Smallest N meeting SL and occupancy (Erlang C), for calibration."""
    a = contacts * aht / interval_s
    if a <= 0:
        return 0
    n = max(1, math.floor(a) + 1)
    while True:
        b = 1.0
        for k in range(1, n + 1):
            b = a * b / (k + a * b)
        c = n * b / (n - a * (1 - b))
        s = 1 - c * math.exp(-(n - a) * t / aht)
        if s >= sl and a / n <= occ:
            return n
        n += 1


def profile(minute):
    """Relative contact volume by time of day (08:00-22:00)."""
    h = minute / 60.0
    morning = math.exp(-((h - 10.5) / 1.6) ** 2)
    lunch = 0.55 * math.exp(-((h - 13.0) / 0.9) ** 2)
    evening = 0.75 * math.exp(-((h - 19.5) / 1.3) ** 2)
    return 0.25 + morning + lunch + evening


SKILLS = {
    # name: (contacts per interval at profile 1, aht_s, weekend factor)
    "voice": (54.0, 300, 0.65),
    "chat": (30.0, 420, 0.85),
    "complaints": (5.0, 600, 0.5),
}


def forecast():
    rows = []
    days = [("2026-11-%02d" % d) for d in range(23, 31)] + \
           [("2026-12-%02d" % d) for d in range(1, 7)]
    for di, day in enumerate(days):
        weekday = di % 7          # 0 = Monday (2026-11-23 is a Monday)
        for minute in range(8 * 60, 22 * 60, 30):
            for skill, (base, aht, wk) in SKILLS.items():
                f = wk if weekday >= 5 else (1.08 if weekday == 0 else 1.0)
                noise = 1.0 + rng.uniform(-0.06, 0.06)
                c = base * profile(minute + 15) * f * noise
                aht_i = aht * (1.0 + rng.uniform(-0.04, 0.04))
                rows.append((f"{day} {minute // 60:02d}:{minute % 60:02d}",
                             skill, round(c, 1), round(aht_i)))
    return rows


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            cells = []
            for v in r:
                v = str(v)
                if any(ch in v for ch in ',"\n'):
                    v = '"' + v.replace('"', '""') + '"'
                cells.append(v)
            f.write(",".join(cells) + "\n")


def main():
    st = staff()
    write_csv("staff.csv", ["id", "name", "email", "team", "contract", "skills"], st)
    fc = forecast()
    write_csv("forecast.csv", ["start", "skill", "contacts", "aht_s"], fc)
    # calibration report: scheduled agents needed per interval (Erlang C,
    # chat slots / 2, shrinkage 15 %), to check 60 agents can cover it
    need = {}
    for start, skill, c, aht in fc:
        t = {"voice": 20, "chat": 60, "complaints": 30}[skill]
        n = erlang_c_agents(c, aht, 1800, 0.8, t, 0.85)
        if skill == "chat":
            n = math.ceil(n / 2)
        need.setdefault(start, 0)
        need[start] += math.ceil(n / 0.85)
    vals = list(need.values())
    hours = sum(vals) * 0.5 / 2  # two weeks
    print(f"scheduled agents per interval: min {min(vals)}, max {max(vals)}, "
          f"mean {sum(vals) / len(vals):.1f}; agent-hours per week {hours:.0f}")
    ft = sum(1 for r in st if r[4] == "ft40")
    pt20 = sum(1 for r in st if r[4] == "pt20")
    pt30 = sum(1 for r in st if r[4] == "pt30")
    print(f"staff: {ft} ft40, {pt20} pt20, {pt30} pt30; paid hours available "
          f"{ft * 40 + pt20 * 20 + pt30 * 30} per week")


if __name__ == "__main__":
    main()
