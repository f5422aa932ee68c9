# Japanese answers (FORMATS.md, "Languages"). One message per template of
# intents/*.toml, named INTENT-KEY, with the English template's variables
# in Japanese: a country by CLDR's name ($country), lists with Japanese
# list patterns, dates and notes by the messages below. Quotes stay in
# English, verbatim.

-cspo = CSpOイニシアチブ

declined = 記事からはお答えできません。CSpOイニシアチブについて、加盟国と加盟年、トゥールーズ近郊での12月5日の会合、引用された高官の発言についての質問にお答えします。例：「加盟国はどこですか？」「日本はいつ参加しましたか？」「ソルツマンは何と言いましたか？」
clarify = どの{ $what ->
    [country] 国
    [person] 人物
    [topic] テーマ
    [year] 年
   *[other] もの
}のことですか？
note-founding = 創設メンバー、{ $year }年
note-joined = { $year }年に参加
date = { $month }{ $day }日{ $year }
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
# Messages see their caller's variables: the comparison of $cmp.
cmp-word = { $cmp ->
    [before] 年より前
    [in_or_after] 年以降
    [in_or_before] 年まで
   *[after] 年より後
}

joined_in_year-some = { $year }年に{ -cspo }に参加したのは{ $list }です。
joined_in_year-none = { $year }年に{ -cspo }に参加した国はありません。加盟国の参加年は{ $years }年です。
joined_count_in_year-some = { $year }年には{ $count }か国：{ $list }。
joined_count_in_year-none = ありません。{ $year }年に{ -cspo }に参加した国はありません（加盟国の参加年は{ $years }年）。
joined_relative-some = { $year }{ cmp-word }に参加したのは{ $list }です。
joined_relative-none = { $year }{ cmp-word }に参加した国はありません。加盟国の参加年は{ $years }年です。
joined_latest-ok = 最も新しい加盟国は{ $list }で、{ $year }年に参加しました。
joined_with-founding = { $country }は{ $year }年に創設メンバーとして参加しました。同時に参加したのは{ $list }です。
joined_with-some = { $country }は{ $year }年に参加しました。同時に参加したのは{ $list }です。
joined_with-alone = { $country }は{ $year }年に参加しました。同じ年に参加した国はほかにありません。
joined_with-not_member = { $country }は{ -cspo }の加盟国ではないため、参加したことはありません。
founding_members-ok = { -cspo }は{ $year }年に{ $count }か国の創設メンバーで始まりました：{ $list }。
is_founding-yes = はい。{ $country }は{ $count }か国の創設メンバーの一つで、{ -cspo }は{ $began }年にこれらの国で始まりました。
is_founding-no = いいえ。{ $country }は{ $year }年に参加しました。創設メンバー（{ $began }年）は{ $founders }です。
is_founding-not_member = いいえ。{ $country }はそもそも{ -cspo }の加盟国ではありません。
initiative_start-ok = { -cspo }は{ $year }年に始まりました。創設メンバーは{ $count }か国：{ $list }。
initiative_what-ok = { $name }（{ $acronym }）は{ $count }か国のグループです。{ $year }年に始まり、現在の加盟国は{ $count }か国です。
acronym-ok = { $acronym }は{ $expansion }の略です。
acronym-named = { $acronym }は記事が{ $expansion }を呼ぶ名前です。文字が何の略かは書かれていません。
growth-ok = { -cspo }は{ $steps }段階で{ $count }か国に拡大しました：
    { $timeline }
compare_join-yes = はい。{ $a }は{ $year_a }年、{ $b }は{ $year_b }年に参加しました。
compare_join-no = いいえ。{ $a }は{ $year_a }年、{ $b }は{ $year_b }年に参加しました。
compare_join-same = いいえ。同時に参加しました。{ $a }と{ $b }はどちらも{ $year_a }年に参加しています。
compare_join-not_member = いいえ。{ $country }は{ -cspo }の加盟国ではありません。
which_first-first = 先に参加したのは{ $first }で、{ $first_year }年です。{ $second }は{ $second_year }年に参加しました。
which_first-last = 後に参加したのは{ $second }で、{ $second_year }年です。{ $first }は{ $first_year }年に参加しました。
which_first-same = どちらでもありません。{ $a }と{ $b }はどちらも{ $year_a }年に参加しました。
which_first-not_member = { $country }は{ -cspo }の加盟国ではありません。
same_time-yes = はい。{ $a }と{ $b }はどちらも{ $year_a }年に参加しました。
same_time-no = いいえ。{ $a }は{ $year_a }年、{ $b }は{ $year_b }年に参加しました。
same_time-not_member = いいえ。{ $country }は{ -cspo }の加盟国ではありません。
country_joined_in-yes = はい。{ $country }は{ $year }年に{ -cspo }に参加しました。
country_joined_in-no = いいえ。{ $country }が参加したのは{ $asked }年ではなく{ $year }年です。
country_joined_in-not_member = いいえ。{ $country }は{ -cspo }の加盟国ではありません。
non_founders-some = 創設メンバーではない国：{ $list }は{ $year }年より後に参加しました。
non_founders-none = すべての加盟国が創設メンバーです。
initiative_began_in-yes = はい。{ -cspo }は{ $year }年に始まりました。
initiative_began_in-no = いいえ。{ -cspo }が始まったのは{ $asked }年ではなく{ $year }年です。
joined_count_relative-some = { $year }{ cmp-word }に参加したのは{ $count }か国：{ $list }。
joined_count_relative-none = { $year }{ cmp-word }に参加した国はありません。加盟国の参加年は{ $years }年です。
meeting_place-ok = 会合は{ $place }、{ $venue }で開かれました。
meeting_date-ok = 会合は{ $date }に開かれました（記事には年が書かれていません）。
meeting_date-dated = 会合は{ $date }に開かれました。
meeting_year-ok = 記事には年が書かれていません。日付（{ $date }）だけです。
meeting_year-dated = 会合は{ $year }年の{ $date }に開かれました。
meeting_host-ok = 会合は{ $place }、{ $venue }で開催されました。主催は{ $host }です。
venue_age-ok = 記事は会場を{ $venue }と説明しています。日付は書かれていません。
meeting_participants-ok = 加盟国{ $count }か国すべてが参加しました：{ $list }。
meeting_participants-some = 会合には{ $count }か国が参加しました：{ $list }。
meeting_attended-yes = はい。{ $country }は会合に出席した加盟国{ $count }か国の一つです。
meeting_attended-no = いいえ。記事によれば会合には加盟国{ $count }か国が集まり、{ $country }はその中に入っていません。
meeting_attended-not_listed = 記事は会合に出席した{ $count }か国の中に{ $country }を挙げていません。
meeting_summary-ok = { $date }、CSpOの{ $count }か国は{ $place }、{ $venue }に集まりました（{ $purpose }）。会合は、{ $message }という明確なメッセージを発しました。議題には{ $topics }などがありました。
topic_list-ok = 話し合われたテーマ：
    { $lines }
topic_discussed-yes = はい。話し合いでは{ $summary }が取り上げられました。
topic_profile-ok = { $topic }について、記事は各国が{ $summary }について話し合ったと伝えています。
meeting_in-yes = はい。会合は{ $place }、{ $venue }で開かれました。
meeting_in-no = いいえ。会合は{ $place }、{ $venue }で開かれました。
meeting_on-yes = はい。会合は{ $date }に開かれました。
meeting_on-no = いいえ。会合は{ $date }に開かれました。
meeting_host_is-yes = はい。会合は{ $venue }で開催されました。
meeting_host_is-no = いいえ。会合は{ $venue }で開催されました。{ $org }ではありません。
member_list-ok = { -cspo }の加盟国は{ $count }か国です：
    { $lines }
member_count-ok = { -cspo }の加盟国は{ $count }か国です：{ $list }。
is_member-yes_founding = はい。{ $country }は{ -cspo }の加盟国です（創設メンバーの一つで、{ $year }年から）。
is_member-yes_joined = はい。{ $country }は{ -cspo }の加盟国です（{ $year }年に参加）。
is_member-no = いいえ。{ $country }は{ -cspo }の加盟国ではありません。加盟国は{ $count }か国です。
join_year-founding = { $country }は{ $year }年に参加しました。{ -cspo }の創設メンバー{ $founders }か国の一つです。
join_year-joined = { $country }は{ $year }年に{ -cspo }に参加しました。同時に参加したのは{ $with }です。
join_year-alone = { $country }は{ $year }年に{ -cspo }に参加しました。
join_year-not_member = { $country }は{ -cspo }の加盟国ではないため、参加したことはありません。
country_profile-founding = { $flag } { $country }は{ -cspo }の創設メンバー{ $founders }か国の一つで、{ $year }年からの加盟国です。
country_profile-joined = { $flag } { $country }は{ -cspo }の加盟国です。{ $year }年に参加し、同時に参加したのは{ $with }です。
country_profile-alone = { $flag } { $country }は{ -cspo }の加盟国です。{ $year }年に参加しました。
country_profile-not_member = { $country }は{ -cspo }の加盟国ではなく、記事にはほかに何も書かれていません。
group_list-ok = { $list }。
group_count-ok = { $count }：{ $list }。
person_quote-ok = { $person }の発言（英語）：“{ $quote }”
person_quote-on_topic = { $person }の発言（英語）：“{ $quote }”
person_quote-not_on_topic = 記事には{ $topic }についての{ $person }の発言はありません。
person_quote_more-more = { $person }はさらにこう述べました（英語）：“{ $quote }”
person_quote_more-no_more = 記事が引用している{ $person }の発言はこれですべてです：“{ $quote }”
quote_search-found = そう述べたのは{ $person }（{ $roles }）です（英語）：“{ $quote }”
person_who-ok = { $person }は{ $roles }です。
role_holder-ok = { $person }です：{ $role }。
quoted_officials-ok = 記事は{ $count }人の高官の発言を引用しています：
    { $lines }
quoted_officials-others = { $named }のほかに、記事は次の人物の発言を引用しています：
    { $lines }
person_name-ok = 記事にあるフルネームは{ $person }（{ $roles }）です。
person_has_role-yes = はい。{ $person }は{ $roles }です。
person_has_role-no = いいえ。{ $role }は{ $holder }です。{ $person }は{ $roles }です。
quote_check-yes = はい。{ $person }の発言（英語）：“{ $quote }”
quote_check-no = いいえ、それは{ $person }の発言です（英語）：“{ $quote }”
person_rank-ok = { $person }の階級は{ $rank }です。
person_rank-none = 記事には{ $person }の軍の階級は書かれていません。
person_nationality-yes = はい。{ $person }は{ $country }の出身です。
person_nationality-no = いいえ。{ $person }は{ $asked }ではなく{ $country }の出身です。
person_nationality-ok = { $person }は{ $country }の出身です。
person_nationality-none = 記事には{ $person }の出身は書かれていません。
greeting-ok = こんにちは！ニュース記事をもとに、合同宇宙作戦（CSpO）イニシアチブについての質問にお答えします。{ $members }か国の加盟国とそれぞれの参加年、トゥールーズ近郊での12月5日の会合、引用された高官の発言などです。例：「加盟国はどこですか？」「日本はいつ参加しましたか？」「ソルツマンは何と言いましたか？」
thanks-ok = どういたしまして！CSpOイニシアチブについて、ほかにも何でも聞いてください。
goodbye-ok = さようなら！またCSpOイニシアチブについて質問してください。
help-ok = ニュース記事をもとに、合同宇宙作戦（CSpO）イニシアチブについての質問にお答えします。たとえば：
    • 加盟国はどこですか？何か国ですか？
    • ブラジルは加盟国ですか？日本はいつ参加しましたか？2020年に参加したのは？
    • 創設メンバーはどの国ですか？CSpOはいつ始まりましたか？
    • 日本はドイツより先に参加しましたか？イタリアとカナダ、どちらが先？
    • 会合はどこで、いつ開かれましたか？主催は？何が話し合われましたか？
    • ソルツマンは何と言いましたか？「jaw-dropping speed」と言ったのは誰？ホワイティングとは誰？
    「イタリアは？」「2018年は？」「どこで？」のような続きの質問もできます。
source_info-ok = 私の答えはすべて、トゥールーズ近郊で12月5日に開かれたCSpOイニシアチブの会合についての一つのニュース記事に基づいています。各回答は根拠の文を引用します。Telegramでは /sources で表示できます。

# Telegram: the command menu (setMyCommands), /start, /help, inline mode.
cmd-start = このボットについてと使い方
cmd-help = コマンドと質問の例
cmd-ask = 質問する（例：/ask 日本はいつ参加しましたか？）
cmd-members = CSpOイニシアチブの加盟国
cmd-meeting = トゥールーズ近郊での12月の会合
cmd-quotes = 引用された人物とその発言
cmd-about = CSpOイニシアチブとは
cmd-sources = 直前の回答の根拠となった記事の文
cmd-why = 直前の回答がどのように見つかったか
cmd-share = 直前の質問をもう一度尋ねる共有用リンク
help-title = CSpOイニシアチブについて質問してください。
help-commands = コマンド：
help-how-to = 個別チャットでは、質問をそのまま書いてください。グループでは /ask で始めるか、私にメンション（{ $at }）するか、私のメッセージに返信してください。どのチャットでも { $at } に続けて質問を入力すると、インラインで回答します。
help-examples = 質問の例
start-hello = こんにちは！
start-intro = トゥールーズ近郊での会合についてのニュース記事をもとに、合同宇宙作戦（CSpO）イニシアチブについての質問にお答えします。
start-try = 次の質問を試してください：
start-help = /help でコマンドの一覧を表示します。
example-1 = 加盟国はどこですか？
example-2 = 日本はいつ参加しましたか？
example-3 = 会合はどこで開かれましたか？
example-4 = ソルツマンは何と言いましたか？
inline-declined = まだお答えできません。例を試してください
# A decline that recognised a country or concepts offers questions the
# bot answers ($country_name: the country's name).
did-you-mean = わかりません。こちらの質問でしょうか：
suggest-country-1 = { $country_name }はいつ参加しましたか？
suggest-country-2 = { $country_name }は創設メンバーですか？
suggest-1 = 加盟国はどこですか？
suggest-2 = 会合はどこで開かれましたか？
suggest-3 = ソルツマンは何と言いましたか？

# Reasoning answers (intents/reasoning.toml) and the meeting before.
followup_meeting_before-only = 記事が伝える会合は{ $meeting }の一つだけで、それ以前の会合には触れていません。
followup_meeting_before-earliest = 記事は{ $meeting }より前の会合に触れていません。記事が伝える{ $count }回の会合のうち最も早いものです。
years_between-f_after = { $country_name }は{ $year }年に参加しました。CSpOイニシアチブが始まった{ $since_year }年の{ $gap }年後です。
years_between-f_founding = { $country_name }は創設メンバーで、CSpOイニシアチブが始まった{ $since_year }年に参加しました。
years_between-f_yes = はい。{ $country_name }は{ $year }年に参加しました。CSpOイニシアチブが始まった{ $since_year }年の{ $gap }年後です。
years_between-f_no = いいえ。{ $country_name }は{ $year }年に参加しました。CSpOイニシアチブが始まった{ $since_year }年の{ $gap }年後です。
years_between-after = { $country_name }は{ $year }年に参加しました。{ $since_name }（{ $since_year }年）の{ $gap }年後です。
years_between-same = { $country_name }と{ $since_name }は同じ{ $year }年に参加しました。
years_between-yes = はい。{ $country_name }は{ $year }年、{ $since_name }は{ $since_year }年に参加しました。
years_between-no = いいえ。{ $country_name }は{ $year }年、{ $since_name }は{ $since_year }年に参加しました。
years_between-not_member = { $country_name }はCSpOイニシアチブの加盟国ではありません。
members_by_year-after = { $year }年末の時点で、CSpOイニシアチブの加盟国は{ $count }か国でした：{ $list }。
members_by_year-before = { $year }年より前、CSpOイニシアチブの加盟国は{ $count }か国でした：{ $list }。
members_by_year-none = CSpOイニシアチブは{ $began }年に始まりました。{ $year }年より前には加盟国はありませんでした。
expansion_rounds-ok = CSpOイニシアチブは{ $began }年に{ $founders }か国で始まり、その後{ $rounds }回拡大しました：{ $list }。現在の加盟国は{ $count }か国です。
expansion_rounds-none = CSpOイニシアチブは{ $began }年に始まって以来、拡大していません。
officials_by_rank-some = 引用された{ $total }人の高官のうち、{ $rank }の階級を持つのは{ $list }です。
officials_by_rank-none = 記事は引用された{ $total }人の高官の誰にも{ $rank }の階級を記していません。
officials_by_rank-not = 引用された{ $total }人の高官のうち、記事が{ $rank }の階級を記していないのは{ $list }です。
officials_by_rank-not_none = 記事は引用された{ $total }人の高官全員に{ $rank }の階級を記しています。
person_rank_is-yes = はい。{ $person }の階級は{ $rank }です。
person_rank_is-no = { $person }の階級は{ $rank }です。
person_rank_is-none = 記事は{ $person }の軍の階級を記していません。{ $person }は{ $roles }です。
person_roles-ok = { $person }は{ $count }つの役職に就いています：{ $list }。
person_roles-other = { $except }のほかに、{ $person }は{ $list }です。
person_roles-none = 記事は{ $person }について{ $except }以外の役職を記していません。
quote_how-ok = { $person }の発言は{ $medium }によるものです（英語）：「{ $quote }」
quote_how-none = 記事は{ $person }がどのように発言したかを記していません。引用（英語）：「{ $quote }」
quote_by_medium-ok = 記事は{ $list }の発言を{ $medium }として引用しています。
officials_nationality-yes = はい。記事によると、引用された{ $count }人の高官（{ $list }）は全員{ $country_name }の出身です。
officials_nationality-no = いいえ。全員が{ $country_name }の出身ではありません：{ $others }。
officials_nationality-unknown = 記事は{ $unknown }の出身を記していません。ほかの人は{ $country_name }の出身です。

# Reasoning and compounds (session 5).
years_between-f_right = はい。{ $country_name }は{ $year }年に参加しました。CSpOイニシアチブが始まった{ $since_year }年の{ $gap }年後です。
years_between-f_wrong = いいえ。{ $country_name }は{ $year }年に参加しました。CSpOイニシアチブが始まった{ $since_year }年の{ $gap }年後で、{ $stated }年後ではありません。
years_between-right = はい。{ $country_name }は{ $year }年に参加しました。{ $since_name }（{ $since_year }年）の{ $gap }年後です。
years_between-wrong = いいえ。{ $country_name }は{ $year }年、{ $since_name }は{ $since_year }年に参加しました。差は{ $gap }年で、{ $stated }年ではありません。
founding_or_later-yes = { $country }は{ $count }か国の創設メンバーの一つで、{ -cspo }が始まった{ $began }年から参加しています。
founding_or_later-no = { $country }は後から、{ $year }年に参加しました。創設メンバー（{ $began }年）は{ $founders }です。
founding_or_later-not_member = { $country }はそもそも{ -cspo }の加盟国ではありません。
joined_range-some = { $from }年より後、{ $to }年より前に参加したのは{ $count }か国：{ $list }。
joined_range-none = { $from }年より後、{ $to }年より前に参加した国はありません。加盟国の参加年は{ $years }年です。
joined_range_any-yes = はい。{ $from }年より後、{ $to }年より前に参加したのは{ $count }か国：{ $list }。
joined_range_any-no = いいえ。{ $from }年より後、{ $to }年より前に参加した国はありません。加盟国の参加年は{ $years }年です。
joined_in_years-some = { $from }年または{ $to }年に参加したのは{ $count }か国：{ $list }。
joined_in_years-none = { $from }年にも{ $to }年にも参加した国はありません。加盟国の参加年は{ $years }年です。
joined_in_years_any-yes = はい。{ $from }年または{ $to }年に参加したのは{ $count }か国：{ $list }。
joined_in_years_any-no = いいえ。{ $from }年にも{ $to }年にも参加した国はありません。加盟国の参加年は{ $years }年です。
founding_share-ok = { $count }か国のうち{ $founders }か国（{ $percent }%）が創設メンバーです：{ $list }。残りの{ $later }か国は後から参加しました。
largest_round-ok = { $year }年：この年に{ $count }か国が参加しました（{ $list }）。ほかの年：{ $others }。
largest_round-pair = { $year }年：この年に{ $count }か国が参加しました（{ $list }）。これに対し{ $others }。
largest_round-tie = 突出した年はありません。{ $years }年はそれぞれ{ $count }か国が参加しました。
year_since_founding-after = { $year }年は、CSpOイニシアチブが始まった{ $began }年の{ $gap }年後です。
year_since_founding-same = { $year }年は{ -cspo }が始まった年です。
year_since_founding-before = { $year }年は、CSpOイニシアチブが始まった{ $began }年の{ $gap }年前です。
