"""The commented ``owabilint.toml`` that ``owabilint init`` writes.

Every setting is commented out except the profile and the fail level, so the file
changes nothing until the user edits it; the comments are in Japanese for the people
who write the drafts.
"""

from __future__ import annotations

TEMPLATE = """\
# owabilint の設定ファイルです（owabilint init で作成）。
# 各項目の意味は `owabilint config` で確認できます。値の出どころも表示されます。

# 重大度のプロファイル: recommended（既定） | strict（最終報告など完全さが必要な文書） | concise（詳細ページに誘導する短い第一報）
profile = "recommended"

# この重大度以上の指摘があれば終了コード 1 にします: error | warning | info
fail-on = "warning"

# 実行するルールを絞る / 増やす / 外す（ルール ID または分類名: content, consistency, template, wording, tone, style）。一覧は `owabilint rules`。
# select = ["missing-apology", "unfilled-placeholder"]
# extend-select = []
# ignore = ["long-sentence"]

# フォルダーを指定したときにチェックしないファイル（gitignore 形式、このファイルからの相対パス）
# exclude = ["archive/", "*.bak.txt"]

# 組織の言い回しに合わせた語彙の追加
# extend-data-items = ["会員番号"]            # 漏えいした情報の項目名（vague-leaked-data）
# extend-jargon = ["WAF"]                     # 説明が必要な専門用語（technical-jargon）
# extend-placeholders = ['＜[^＞]+＞']         # 埋め忘れのテンプレート記号（unfilled-placeholder、RE2 の正規表現）
# allow-brackets = ["【速報】"]               # 見出しとして使う括弧書き

# 独自ルールのパック（フォルダーまたは .toml ファイル）
# rule-paths = ["house-rules/"]

# ルールごとの重大度: "error" | "warning" | "info" | "off"
[severity]
# missing-cause = "error"

# ルールごとのオプション（既定値は `owabilint rule ID` で確認できます）
# [rules.long-sentence]
# max-chars = 100

# ファイルごとに外すルール（gitignore 形式のパターン）
[per-file-ignores]
# "drafts/concise/*.txt" = ["missing-cause", "missing-record-count"]
"""
