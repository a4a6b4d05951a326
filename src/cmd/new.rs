//! `tsunagi new DIR`: a small project that builds at once, using the embedded default theme.

use std::path::Path;

use tsunagi::error::{Error, Location, Result};
use tsunagi::{msg, t};

const FILES: &[(&str, &str)] = &[
    (
        "tsunagi.toml",
        r#"# サイト全体の設定
title = "こころの健康"
description = "こころの不調や依存症について知り、相談先を見つけるためのサイトです。"
# {slug} は市区町村のフォルダ名に置き換わります。市区町村ごとに municipality.toml の base_url で上書きできます。
base_url = "https://kokoro.example.jp/{slug}/"
language = "ja"
theme = "default"

[furigana]
# none / all / grade-1 … grade-6 / joyo
default = "none"
# audience = "school" のページに使う学年
school_grade = 3
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "こころの健康"
description = "こころの不調に気づいたときに読むページと、相談できる窓口をまとめています。"
+++
{{ municipality_name() }}の「こころの健康」のページです。

つらい気持ちが続くときは、ひとりで抱え込まずに相談してください。
"#,
    ),
    (
        "content/stress/_index.md",
        r#"+++
title = "ストレスとつきあう"
description = "ストレスに気づいて、休んで、話すためのページです。"
weight = 1
+++
ストレスは誰にでもあります。気づいて、休んで、話すことが大切です。
"#,
    ),
    (
        "content/stress/sleep.md",
        r#"+++
title = "眠れないときに"
description = "眠れない日が続くときの考え方と相談先です。"
weight = 1
topics = ["stress", "sleep"]
+++
## 眠りはこころのサイン

眠れない日が2週間以上続くときは、[相談窓口](@/consult/_index.md)に相談してください。
"#,
    ),
    (
        "content/consult/_index.md",
        r#"+++
title = "相談窓口"
description = "今すぐ話せる電話相談と、市の相談窓口の一覧です。"
weight = 2
+++
## 今すぐ話したいとき

{{ national_lines() }}

## {{ municipality_name() }}の窓口

{{ windows() }}
"#,
    ),
    (
        "content/municipalities/example/municipality.toml",
        r#"# 市区町村ごとの設定。フォルダ名（example）がサイトのURLの一部になります。
name = "〇〇市"
kana = "まるまるし"
# 全国地方公共団体コード（6桁、最後の1桁は検査数字）。自分の市区町村のコードに置き換えてください。
code = "000001"
prefecture = "〇〇県"
health_center = "〇〇保健所"

[[windows]]
id = "kokoro-sodan"
name = "こころの健康相談（例）"
organisation = "〇〇市 保健センター"
hours = { periods = [{ days = ["mon", "tue", "wed", "thu", "fri"], open = "08:30", close = "17:15" }], closed_on_holidays = true, closed_year_end = true }
topics = ["stress", "depression"]
note = "これは例です。実際の窓口の名前・電話番号・受付時間に置き換えてください。"
example = true
"#,
    ),
    (
        "content/municipalities/example/about.md",
        r#"+++
title = "このサイトについて"
description = "このサイトを作っている市と、サイトの使い方の案内です。"
weight = 9
+++
このページは〇〇市だけのページです。共有ページと同じ場所にファイルを置くと、その市のページで置き換わります。
"#,
    ),
    (".gitignore", "site/\n.site.tsunagi-*\n"),
];

/// Creates the project.
pub(crate) fn run(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::input(
                Location::file(dir),
                msg!("error.new-not-empty"),
            ));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    eprintln!("{}", t!("ui.new-created", dir = dir.display()));
    eprintln!("{}", t!("ui.new-next", dir = dir.display()));
    Ok(())
}
