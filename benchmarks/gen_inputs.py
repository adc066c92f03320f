#!/usr/bin/env python3
"""Generate the benchmark inputs (deterministic: a fixed seed, byte-identical every run).

    python3 benchmarks/gen_inputs.py OUT_DIR

writes OUT_DIR/single.txt (one ~1,500-character apology mail), OUT_DIR/drafts/ (1,000
varied drafts: companies, dates, counts, section order, and a share of typical defects
such as "！", vague wording and unfilled template slots), OUT_DIR/large.txt (~1 MB of
UTF-8, drafts concatenated) and OUT_DIR/large_100k.txt (its first ~100 KB, for the
linearity check). Standard library only.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 1128
N_DRAFTS = 1000
LARGE_BYTES = 1_000_000
SMALL_BYTES = 100_000
HUGE_TIMES = 10  # large_10m.txt is large.txt this many times

COMPANIES = [
    "株式会社みなと書房",
    "青葉ネットサービス株式会社",
    "有限会社しらかば園芸",
    "株式会社北斗トラベル",
    "ひまわり生活協同組合",
    "株式会社アオイ精工",
    "さくら学習塾株式会社",
    "株式会社ミドリ楽器",
]
SERVICES = [
    "オンライン書店「みなとブックス」",
    "会員制通販サイト",
    "園芸用品の定期便サービス",
    "旅行予約サイト",
    "宅配サービスの会員サイト",
    "部品発注システム",
    "オンライン学習サービス",
    "楽器レンタルの予約サイト",
]
PEOPLE = ["佐藤一郎", "鈴木花子", "高橋誠", "田中由美", "伊藤健", "渡辺直子"]
CAUSES = [
    "委託先のサーバーで使用していたソフトウェアの脆弱性を突かれ、管理画面へ侵入されたこと",
    "担当者が設定を変更した際に、会員情報のファイルが外部から閲覧できる状態になっていたこと",
    "従業員のパソコンがウイルスに感染し、保存されていた認証情報が盗み取られたこと",
    "メールの一斉送信時に宛先を誤って入力し、他のお客様のメールアドレスが表示されたこと",
]
ITEMS = [
    "氏名、住所、電話番号、メールアドレス",
    "氏名、メールアドレス、購入履歴",
    "氏名、生年月日、会員番号、電話番号",
    "住所、電話番号、配送先情報",
    "氏名、メールアドレス、ログイン用ID",
]
MEASURES = [
    "管理画面への接続を社内の特定の端末に限定し、二要素認証を必須といたしました。",
    "外部の専門機関による脆弱性診断を四半期ごとに実施いたします。",
    "個人情報を扱う全従業員を対象に、6月末までに研修を実施いたします。",
    "メールの一斉送信には専用システムを使い、送信前に二名で宛先を確認いたします。",
    "委託先の管理体制を見直し、年に2回の監査を行います。",
]
VAGUE = [
    "個人情報の一部が流出した可能性がございます。",
    "多数のお客様に影響が出ております。",
    "現在調査中のため、詳細は追ってご連絡いたします。",
    "再発防止に努めてまいります。",
]
EMOTIONAL = ["本当に申し訳ございません！", "心からお詫びいたします！！", "このような事態となり、誠に遺憾です！"]
PLACEHOLDERS = ["[顧客名]", "〇〇", "（日付）", "XX件"]


def draft(rng: random.Random, i: int) -> str:
    company = rng.choice(COMPANIES)
    service = rng.choice(SERVICES)
    person = rng.choice(PEOPLE)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    found_day = min(day + rng.randint(1, 9), 28)
    count = rng.randint(12, 98000)
    count_text = f"{count:,}" if rng.random() < 0.5 else str(count)
    phone = f"0120-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
    hours = rng.choice(["平日10時から18時まで", "土日祝日を除く9時30分から17時30分まで", "毎日9時から20時まで"])

    subject = f"件名：【お詫び】{service}におけるお客様情報の流出について"
    opening = (
        f"{rng.choice(['お客様各位', '会員の皆様へ', 'ご利用者各位'])}\n\n"
        f"平素より{service}をご利用いただき、誠にありがとうございます。\n"
        f"{company}の{person}でございます。"
    )
    apology = (
        f"このたび、弊社が運営する{service}において、お客様の個人情報が外部に流出したことが判明いたしました。"
        "お客様には多大なご迷惑とご心配をおかけしましたことを、深くお詫び申し上げます。"
    )
    facts = (
        "■経緯\n"
        f"{month}月{day}日午後{rng.randint(1, 11)}時ごろ、監視システムが通常とは異なる通信を検知しました。"
        f"調査の結果、{CAUSES[i % len(CAUSES)]}が原因であると{month}月{found_day}日に確認いたしました。"
    )
    scope = (
        "■流出した情報\n"
        f"・対象：{month}月{day}日までに登録されたお客様 {count_text}名\n"
        f"・項目：{rng.choice(ITEMS)}\n"
        "なお、クレジットカード情報は弊社では保持しておらず、流出の対象には含まれておりません。"
    )
    measures = "■再発防止策\n" + "\n".join(rng.sample(MEASURES, k=rng.randint(2, 4)))
    cause = (
        "■原因と対応\n"
        f"直接の原因は、{CAUSES[(i + 1) % len(CAUSES)]}です。"
        "弊社は問題の箇所を直ちに修正し、関係するすべての認証情報を変更しました。"
        "あわせて、個人情報保護委員会へ報告するとともに、警察にも相談しております。"
    )
    request = (
        "■お客様へのお願い\n"
        "弊社を名乗る不審なメールや電話には、十分にご注意ください。"
        "身に覚えのない請求などがございましたら、下記の窓口までご連絡ください。"
    )
    contact = (
        f"■お問い合わせ窓口\n{company} 個人情報専用窓口\n電話：{phone}（{hours}）\nメール：support{i % 50}@example.jp"
    )
    closing = f"重ねて深くお詫び申し上げます。\n\n{company}\n代表取締役 {person}"

    body = [facts, scope, cause, measures, request]
    if rng.random() < 0.3:
        rng.shuffle(body)
    parts = [subject, opening, apology, *body, contact, closing]
    text = "\n\n".join(parts)
    # A share of the drafts carries the defects owabilint exists to catch.
    if rng.random() < 0.2:
        text = text.replace("深くお詫び申し上げます。", rng.choice(EMOTIONAL), 1)
    if rng.random() < 0.2:
        text = text.replace(apology, apology + rng.choice(VAGUE), 1)
    if rng.random() < 0.1:
        text = text.replace(person, rng.choice(PLACEHOLDERS), 1)
    if rng.random() < 0.1:
        text = text.replace(f"{count_text}名", "多数", 1)
    return text + "\n"


SINGLE = """件名：【お詫び】会員サイトにおけるお客様情報の流出について

会員の皆様へ

平素より「ひだまり生活便」をご利用いただき、誠にありがとうございます。
株式会社ひだまり商会 代表取締役の木村浩二でございます。

このたび、弊社が運営する会員サイト「ひだまり生活便」において、外部からの不正なアクセスを受け、
会員の皆様の個人情報が流出したことが判明いたしました。皆様には多大なるご迷惑とご心配をおかけしましたことを、
心より深くお詫び申し上げます。

現時点で判明している事実と、弊社の対応について、以下のとおりご報告いたします。

■経緯
2026年10月14日午後3時ごろ、サーバーの監視担当者が、深夜帯に大量のデータが送信されている記録に気づきました。
同日中にサイトを停止し、外部の調査会社に調査を依頼しました。その結果、10月2日から10月14日までの間に、
第三者が会員管理システムに不正にログインし、会員情報を繰り返し取得していたことが10月21日に確認されました。
ご報告までにお時間をいただきましたのは、流出した範囲を正確に特定し、誤った情報で皆様を混乱させないためでした。
ご不安な日々をお過ごしいただいたことを、重ねてお詫び申し上げます。

■流出した情報
・対象：2019年4月から2026年10月14日までに会員登録をされた皆様 8,352名
・項目：氏名、住所、電話番号、メールアドレス、生年月日、ご注文の履歴
クレジットカード番号は決済代行会社が管理しており、弊社のシステムには保存していないため、流出しておりません。
ログイン用のパスワードは復元できない形式で保存しており、現時点で悪用された事実は確認されておりません。

■原因
会員管理システムの管理画面が、社外のネットワークからも接続できる設定のまま運用されており、
さらに管理者のパスワードが推測されやすいものであったことが原因です。設定の確認を怠っていたことを深く反省しております。

■弊社の対応と再発防止策
・10月14日に管理画面への社外からの接続を遮断し、すべての管理者のパスワードを変更しました。
・11月から、管理画面へのログインに二要素認証を必須としました。
・外部の専門機関による脆弱性診断を、今後は半年ごとに実施いたします。
・個人情報を扱う全従業員を対象に、12月15日までに情報セキュリティ研修を実施いたします。
なお、本件は10月22日に個人情報保護委員会へ報告し、所轄の警察署にも相談しております。

■皆様へのお願い
弊社を装った不審なメールや電話、ダイレクトメールが届くおそれがございます。
心当たりのない連絡には応じず、記載されたリンクを開かないようお願いいたします。
不審な連絡を受けた場合は、お手数ですが下記の窓口までお知らせください。

■お問い合わせ窓口
株式会社ひだまり商会 お客様情報専用窓口
電話：0120-345-678（受付時間：平日9時30分から18時まで）
メール：privacy-desk@hidamari.example.jp

このたびは皆様の信頼を損ねる事態を招き、誠に申し訳ございません。
今後は、お客様からお預かりしている情報を守ることを経営の最優先の課題と位置づけ、
全社を挙げて管理体制の強化に取り組んでまいります。今回の件について、調査の進み具合や新たに判明した事実は、
弊社ウェブサイトのお知らせ欄で随時お伝えいたします。
社員一同、信頼の回復に努めてまいります。

2026年10月28日
株式会社ひだまり商会
代表取締役 木村浩二
"""


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-inputs")
    out.mkdir(parents=True, exist_ok=True)
    (out / "single.txt").write_text(SINGLE, encoding="utf-8")
    rng = random.Random(SEED)
    drafts_dir = out / "drafts"
    drafts_dir.mkdir(exist_ok=True)
    drafts = [draft(rng, i) for i in range(N_DRAFTS)]
    for i, text in enumerate(drafts):
        (drafts_dir / f"draft_{i:04d}.txt").write_text(text, encoding="utf-8")
    large: list[str] = []
    size = 0
    i = 0
    while size < LARGE_BYTES:
        piece = drafts[i % N_DRAFTS] + "\n"
        large.append(piece)
        size += len(piece.encode("utf-8"))
        i += 1
    large_text = "".join(large)
    (out / "large.txt").write_text(large_text, encoding="utf-8")
    small, size = [], 0
    for piece in large:
        if size >= SMALL_BYTES:
            break
        small.append(piece)
        size += len(piece.encode("utf-8"))
    (out / "large_100k.txt").write_text("".join(small), encoding="utf-8")
    # 10 MB: the 1 MB file ten times (the findings as dense as in it).
    (out / "large_10m.txt").write_text(large_text * HUGE_TIMES, encoding="utf-8")
    manifest = {
        "single_chars": len(SINGLE),
        "drafts": N_DRAFTS,
        "drafts_chars": sum(len(d) for d in drafts),
        "large_bytes": len(large_text.encode("utf-8")),
        "large_chars": len(large_text),
        "large_100k_bytes": size,
        "large_10m_bytes": len(large_text.encode("utf-8")) * HUGE_TIMES,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
