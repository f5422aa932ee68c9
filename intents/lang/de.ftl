# German answers (FORMATS.md, "Languages"). One message per template of
# intents/*.toml, named INTENT-KEY, with the English template's variables
# in German: a country in running text ($country: "Japan", "die
# Vereinigten Staaten"; CLDR's name: $country_name), lists with German
# list patterns, dates and notes by the messages below. Quotes stay in
# English, verbatim.

-cspo = die CSpO-Initiative
-cspo-dat = der CSpO-Initiative

declined = Das kann ich aus dem Artikel nicht beantworten. Ich beantworte Fragen zur CSpO-Initiative: ihre Mitglieder und ihre Beitrittsjahre, das Treffen am 5. Dezember bei Toulouse und was die zitierten Vertreter gesagt haben. Zum Beispiel: „Wer sind die Mitglieder?“, „Wann ist Japan beigetreten?“, „Was hat Saltzman gesagt?“
clarify = Welches { $what ->
    [country] Land
    [person] Person
    [topic] Thema
    [year] Jahr
   *[other] Ding
} meinen Sie?
note-founding = Gründungsmitglied, { $year }
note-joined = beigetreten { $year }
date = { $day }. { $month }{ $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
# Messages see their caller's variables: the comparison of $cmp.
cmp-word = { $cmp ->
    [before] vor
    [in_or_after] ab
    [in_or_before] bis
   *[after] nach
}

joined_in_year-some = { $list } { $count ->
    [one] ist
   *[other] sind
} { $year } { -cspo-dat } beigetreten.
joined_in_year-none = { $year } ist kein Land { -cspo-dat } beigetreten: Die Mitglieder sind { $years } beigetreten.
joined_count_in_year-some = { $count } traten { $year } bei: { $list }.
joined_count_in_year-none = Keines: { $year } ist kein Land { -cspo-dat } beigetreten (die Mitglieder traten { $years } bei).
joined_relative-some = { $list } traten { cmp-word } { $year } bei.
joined_relative-none = Kein Land trat { cmp-word } { $year } bei: Die Mitglieder traten { $years } bei.
joined_latest-ok = Die neuesten Mitglieder sind { $list }, die { $year } beigetreten sind.
joined_with-founding = { $country } trat { $year } als Gründungsmitglied bei, zusammen mit { $list }.
joined_with-some = { $country } trat { $year } bei, zusammen mit { $list }.
joined_with-alone = { $country } trat { $year } bei; kein anderes Land trat in diesem Jahr bei.
joined_with-not_member = { $country } ist kein Mitglied { -cspo-dat } und ist ihr also nie beigetreten.
founding_members-ok = { -cspo } begann { $year } mit { $count } Gründungsmitgliedern: { $list }.
is_founding-yes = Ja: { $country } ist eines der { $count } Gründungsmitglieder; { -cspo } begann { $began } mit ihnen.
is_founding-no = Nein: { $country } trat { $year } bei. Die Gründungsmitglieder ({ $began }) waren { $founders }.
is_founding-not_member = Nein: { $country } ist überhaupt kein Mitglied { -cspo-dat }.
initiative_start-ok = { -cspo } begann { $year } mit { $count } Gründungsmitgliedern: { $list }.
initiative_what-ok = Die { $name } ({ $acronym }) ist eine Gruppe von { $count } Ländern. Sie begann { $year } und hat heute { $count } Mitgliedsstaaten.
acronym-ok = { $acronym } steht für { $expansion }.
acronym-named = { $acronym } nennt der Artikel { $expansion }; wofür die Buchstaben stehen, sagt er nicht.
growth-ok = { -cspo } ist in { $steps } Schritten auf { $count } Mitglieder gewachsen:
    { $timeline }
compare_join-yes = Ja: { $a } trat { $year_a } bei, { $b } { $year_b }.
compare_join-no = Nein: { $a } trat { $year_a } bei, { $b } { $year_b }.
compare_join-same = Nein: Sie traten gleichzeitig bei; { $a } und { $b } traten beide { $year_a } bei.
compare_join-not_member = Nein: { $country } ist kein Mitglied { -cspo-dat }.
which_first-first = { $first } war zuerst dabei, seit { $first_year }; { $second } trat { $second_year } bei.
which_first-last = { $second } trat später bei, { $second_year }; { $first } trat { $first_year } bei.
which_first-same = Keines von beiden: { $a } und { $b } traten beide { $year_a } bei.
which_first-not_member = { $country } ist kein Mitglied { -cspo-dat }.
same_time-yes = Ja: { $a } und { $b } traten beide { $year_a } bei.
same_time-no = Nein: { $a } trat { $year_a } bei, { $b } { $year_b }.
same_time-not_member = Nein: { $country } ist kein Mitglied { -cspo-dat }.
country_joined_in-yes = Ja: { $country } ist { $year } { -cspo-dat } beigetreten.
country_joined_in-no = Nein: { $country } trat { $year } bei, nicht { $asked }.
country_joined_in-not_member = Nein: { $country } ist kein Mitglied { -cspo-dat }.
non_founders-some = Keine Gründungsmitglieder: { $list } traten nach { $year } bei.
non_founders-none = Alle Mitglieder sind Gründungsmitglieder.
initiative_began_in-yes = Ja: { -cspo } begann { $year }.
initiative_began_in-no = Nein: { -cspo } begann { $year }, nicht { $asked }.
joined_count_relative-some = { $count } Länder traten { cmp-word } { $year } bei: { $list }.
joined_count_relative-none = Kein Land trat { cmp-word } { $year } bei: Die Mitglieder traten { $years } bei.
meeting_place-ok = Das Treffen fand { $place } statt, in { $venue }.
meeting_date-ok = Das Treffen fand am { $date } statt (der Artikel nennt das Jahr nicht).
meeting_date-dated = Das Treffen fand am { $date } statt.
meeting_year-ok = Der Artikel nennt das Jahr nicht, nur das Datum: { $date }.
meeting_year-dated = Das Treffen fand { $year } statt, am { $date }.
meeting_host-ok = Gastgeber des Treffens war { $host }, in { $venue }, { $place }.
venue_age-ok = Der Artikel beschreibt den Tagungsort als { $venue }; ein Datum nennt er nicht.
meeting_participants-ok = Alle { $count } Mitgliedsstaaten nahmen teil: { $list }.
meeting_participants-some = { $count } Staaten nahmen am Treffen teil: { $list }.
meeting_attended-yes = Ja: { $country } war einer der { $count } Mitgliedsstaaten beim Treffen.
meeting_attended-no = Nein: Laut Artikel brachte das Treffen die { $count } Mitgliedsstaaten zusammen, und { $country } gehört nicht dazu.
meeting_attended-not_listed = Der Artikel nennt { $country } nicht unter den { $count } Staaten beim Treffen.
meeting_summary-ok = Am { $date } trafen sich die { $count } CSpO-Staaten { $place }, in { $venue }, { $purpose }. Das Treffen sandte die klare Botschaft, dass { $message }. Sie besprachen Themen wie { $topics }.
topic_list-ok = Bei den Gesprächen ging es um:
    { $lines }
topic_discussed-yes = Ja: Bei den Gesprächen ging es um { $summary }.
topic_profile-ok = Zu { $topic } sagt der Artikel, dass die Staaten über { $summary } sprachen.
meeting_in-yes = Ja: Das Treffen fand { $place } statt, in { $venue }.
meeting_in-no = Nein: Das Treffen fand { $place } statt, in { $venue }.
meeting_on-yes = Ja: Das Treffen fand am { $date } statt.
meeting_on-no = Nein: Das Treffen fand am { $date } statt.
meeting_host_is-yes = Ja: Gastgeber des Treffens war { $venue }.
meeting_host_is-no = Nein: Das Treffen fand in { $venue } statt, nicht bei { $org }.
member_list-ok = { -cspo } hat { $count } Mitglieder:
    { $lines }
member_count-ok = { -cspo } hat { $count } Mitgliedsstaaten: { $list }.
is_member-yes_founding = Ja: { $country } ist Mitglied { -cspo-dat } (eines der Gründungsmitglieder, seit { $year }).
is_member-yes_joined = Ja: { $country } ist Mitglied { -cspo-dat } (beigetreten { $year }).
is_member-no = Nein: { $country } ist kein Mitglied { -cspo-dat }, die { $count } Mitgliedsstaaten hat.
join_year-founding = { $country } trat { $year } bei: Es ist eines der { $founders } Gründungsmitglieder { -cspo-dat }.
join_year-joined = { $country } ist { $year } { -cspo-dat } beigetreten, zusammen mit { $with }.
join_year-alone = { $country } ist { $year } { -cspo-dat } beigetreten.
join_year-not_member = { $country } ist kein Mitglied { -cspo-dat } und ist ihr also nie beigetreten.
country_profile-founding = { $flag } { $country } ist eines der { $founders } Gründungsmitglieder { -cspo-dat }, Mitglied seit { $year }.
country_profile-joined = { $flag } { $country } ist Mitglied { -cspo-dat }: beigetreten { $year }, zusammen mit { $with }.
country_profile-alone = { $flag } { $country } ist Mitglied { -cspo-dat }: beigetreten { $year }.
country_profile-not_member = { $country } ist kein Mitglied { -cspo-dat }, und der Artikel sagt sonst nichts darüber.
group_list-ok = { $list }.
group_count-ok = { $count }: { $list }.
person_quote-ok = { $person } sagte (auf Englisch): „{ $quote }“
person_quote-on_topic = { $person } sagte (auf Englisch): „{ $quote }“
person_quote-not_on_topic = Der Artikel zitiert { $person } nicht zu { $topic }.
person_quote_more-more = { $person } sagte außerdem (auf Englisch): „{ $quote }“
person_quote_more-no_more = Mehr zitiert der Artikel von { $person } nicht: „{ $quote }“
quote_search-found = Das sagte { $person } ({ $roles }), auf Englisch: „{ $quote }“
person_who-ok = { $person } ist { $roles }.
role_holder-ok = Das ist { $person }: { $role }.
quoted_officials-ok = Der Artikel zitiert { $count } Vertreter:
    { $lines }
quoted_officials-others = Außer { $named } zitiert der Artikel:
    { $lines }
person_name-ok = Der Artikel nennt den vollen Namen: { $person } ({ $roles }).
person_has_role-yes = Ja: { $person } ist { $roles }.
person_has_role-no = Nein: { $role } ist { $holder }. { $person } ist { $roles }.
quote_check-yes = Ja: { $person } sagte (auf Englisch): „{ $quote }“
quote_check-no = Nein, das war { $person }, auf Englisch: „{ $quote }“
person_rank-ok = { $person } hat den Dienstgrad { $rank }.
person_rank-none = Der Artikel nennt keinen militärischen Dienstgrad für { $person }.
person_nationality-yes = Ja: { $person } stammt aus diesem Land ({ $country_name }).
person_nationality-no = Nein: { $person } stammt aus einem anderen Land ({ $country_name }), nicht aus diesem ({ $asked }).
person_nationality-ok = { $person } stammt aus diesem Land: { $country_name }.
person_nationality-none = Der Artikel sagt nicht, woher { $person } stammt.
greeting-ok = Hallo! Ich beantworte Fragen zur Combined Space Operations (CSpO) Initiative aus einem Nachrichtenartikel: ihre { $members } Mitgliedsstaaten und wann jeder beitrat, das Treffen am 5. Dezember bei Toulouse und was die zitierten Vertreter sagten. Versuchen Sie: „Wer sind die Mitglieder?“, „Wann ist Japan beigetreten?“ oder „Was hat Saltzman gesagt?“
thanks-ok = Gern geschehen! Fragen Sie mich gern mehr zur CSpO-Initiative.
goodbye-ok = Auf Wiedersehen! Kommen Sie mit weiteren Fragen zur CSpO-Initiative wieder.
help-ok = Ich beantworte Fragen zur Combined Space Operations (CSpO) Initiative aus einem Nachrichtenartikel. Sie können zum Beispiel fragen:
    • Wer sind die Mitglieder? Wie viele sind es?
    • Ist Brasilien Mitglied? Wann ist Japan beigetreten? Wer trat 2020 bei?
    • Wer sind die Gründungsmitglieder? Wann begann die CSpO?
    • Trat Japan vor Deutschland bei? Wer war zuerst dabei, Italien oder Kanada?
    • Wo und wann war das Treffen? Wer war Gastgeber? Worüber wurde gesprochen?
    • Was hat Saltzman gesagt? Wer sagte „jaw-dropping speed“? Wer ist Whiting?
    Anschlussfragen gehen auch: „und Italien?“, „und 2018?“, „und wo?“.
source_info-ok = Alles, was ich sage, stammt aus einem Nachrichtenartikel über das Treffen der CSpO-Initiative am 5. Dezember bei Toulouse. Jede Antwort nennt die Sätze, aus denen sie stammt; in Telegram zeigt /sources sie an.

# Telegram: the command menu (setMyCommands), /start, /help, inline mode.
cmd-start = Was dieser Bot ist und wie man ihn benutzt
cmd-help = Befehle und Beispielfragen
cmd-ask = Eine Frage stellen, z. B. /ask Wann ist Japan beigetreten?
cmd-members = Die Mitgliedsländer der CSpO-Initiative
cmd-meeting = Das Treffen im Dezember bei Toulouse
cmd-quotes = Wer zitiert wurde und was gesagt wurde
cmd-about = Was die CSpO-Initiative ist
cmd-sources = Die Sätze des Artikels hinter der letzten Antwort
cmd-why = Wie die letzte Antwort gefunden wurde
cmd-share = Ein Link, der Ihre letzte Frage erneut stellt, zum Teilen
help-title = Fragen Sie mich zur CSpO-Initiative.
help-commands = Befehle:
help-how-to = Im privaten Chat schreiben Sie einfach Ihre Frage. In einer Gruppe beginnen Sie mit /ask, erwähnen mich ({ $at }) oder antworten auf eine meiner Nachrichten. In jedem Chat tippen Sie { $at } und eine Frage, um sie inline zu beantworten.
help-examples = Beispielfragen
start-hello = Hallo!
start-intro = Ich beantworte Fragen zur Combined Space Operations (CSpO) Initiative, anhand eines Nachrichtenartikels über ihr Treffen bei Toulouse.
start-try = Probieren Sie eine dieser Fragen:
start-help = /help listet meine Befehle auf.
example-1 = Wer sind die Mitglieder?
example-2 = Wann ist Japan beigetreten?
example-3 = Wo fand das Treffen statt?
example-4 = Was hat Saltzman gesagt?
inline-declined = Das kann ich noch nicht beantworten: versuchen Sie ein Beispiel
# A decline that recognised a country or concepts offers questions the
# bot answers ($country_name: the country's name).
did-you-mean = Das weiß ich nicht. Meinten Sie:
suggest-country-1 = Wann ist { $country_name } beigetreten?
suggest-country-2 = Ist { $country_name } ein Gründungsmitglied?
suggest-1 = Wer sind die Mitglieder?
suggest-2 = Wo fand das Treffen statt?
suggest-3 = Was hat Saltzman gesagt?

# Reasoning answers (intents/reasoning.toml) and the meeting before.
followup_meeting_before-only = Der Artikel beschreibt ein einziges Treffen, { $meeting }, und nennt keines davor.
followup_meeting_before-earliest = Der Artikel nennt kein Treffen vor { $meeting }, dem frühesten der { $count } Treffen, die er beschreibt.
years_between-f_after = { $country_name } ist { $year } beigetreten, { $gap } Jahre nach dem Beginn der CSpO-Initiative { $since_year }.
years_between-f_founding = { $country_name } ist Gründungsmitglied: beigetreten, als die CSpO-Initiative { $since_year } begann.
years_between-f_yes = Ja: { $country_name } ist { $year } beigetreten, { $gap } Jahre nach dem Beginn der CSpO-Initiative { $since_year }.
years_between-f_no = Nein: { $country_name } ist { $year } beigetreten, { $gap } Jahre nach dem Beginn der CSpO-Initiative { $since_year }.
years_between-after = { $country_name } ist { $year } beigetreten, { $gap } Jahre nach { $since_name } ({ $since_year }).
years_between-same = { $country_name } und { $since_name } sind im selben Jahr beigetreten, { $year }.
years_between-yes = Ja: { $country_name } ist { $year } beigetreten, { $since_name } { $since_year }.
years_between-no = Nein: { $country_name } ist { $year } beigetreten, { $since_name } { $since_year }.
years_between-not_member = { $country_name } ist kein Mitglied der CSpO-Initiative.
members_by_year-after = Ende { $year } hatte die CSpO-Initiative { $count } Mitglieder: { $list }.
members_by_year-before = Vor { $year } hatte die CSpO-Initiative { $count } Mitglieder: { $list }.
members_by_year-none = Die CSpO-Initiative begann { $began }: vor { $year } hatte sie keine Mitglieder.
expansion_rounds-ok = Die CSpO-Initiative begann { $began } mit { $founders } Mitgliedern und wurde seitdem { $rounds }-mal erweitert: { $list }. Sie hat { $count } Mitglieder.
expansion_rounds-none = Die CSpO-Initiative wurde seit ihrem Beginn { $began } nicht erweitert.
officials_by_rank-some = Von den { $total } zitierten Vertretern haben den Rang { $rank }: { $list }.
officials_by_rank-none = Der Artikel gibt keinem der { $total } zitierten Vertreter den Rang { $rank }.
officials_by_rank-not = Von den { $total } zitierten Vertretern gibt der Artikel folgenden nicht den Rang { $rank }: { $list }.
officials_by_rank-not_none = Der Artikel gibt allen { $total } zitierten Vertretern den Rang { $rank }.
person_rank_is-yes = Ja: { $person } hat den Rang { $rank }.
person_rank_is-no = { $person } hat den Rang { $rank }.
person_rank_is-none = Der Artikel nennt für { $person } keinen militärischen Rang: { $person } ist { $roles }.
person_roles-ok = { $person } hat { $count } Ämter: { $list }.
person_roles-other = Neben { $except } ist { $person } { $list }.
person_roles-none = Der Artikel nennt für { $person } kein Amt außer { $except }.
quote_how-ok = { $person } äußerte sich { $medium } (auf Englisch): „{ $quote }“
quote_how-none = Der Artikel sagt nicht, auf welchem Weg sich { $person } geäußert hat; er zitiert (auf Englisch): „{ $quote }“
quote_by_medium-ok = Der Artikel zitiert { $list } { $medium }.
officials_nationality-yes = Ja: laut Artikel kommen alle { $count } zitierten Vertreter ({ $list }) aus folgendem Land: { $country_name }.
officials_nationality-no = Nein: nicht alle kommen aus folgendem Land ({ $country_name }): { $others }.
officials_nationality-unknown = Der Artikel sagt nicht, woher { $unknown } kommt; die anderen kommen aus folgendem Land: { $country_name }.

# Reasoning and compounds (session 5).
years_between-f_right = Ja: { $country_name } ist { $year } beigetreten, { $gap } Jahre nach dem Beginn der CSpO-Initiative { $since_year }.
years_between-f_wrong = Nein: { $country_name } ist { $year } beigetreten, { $gap } Jahre nach dem Beginn der CSpO-Initiative { $since_year }, nicht { $stated }.
years_between-right = Ja: { $country_name } ist { $year } beigetreten, { $gap } Jahre nach { $since_name } ({ $since_year }).
years_between-wrong = Nein: { $country_name } ist { $year } beigetreten und { $since_name } { $since_year }: { $gap } Jahre Abstand, nicht { $stated }.
founding_or_later-yes = { $country } ist eines der { $count } Gründungsmitglieder: Es war dabei, als { -cspo } { $began } begann.
founding_or_later-no = { $country } trat später bei, { $year }. Die Gründungsmitglieder ({ $began }) waren { $founders }.
founding_or_later-not_member = { $country } ist überhaupt kein Mitglied { -cspo-dat }.
joined_range-some = { $count } traten nach { $from } und vor { $to } bei: { $list }.
joined_range-none = Kein Land trat nach { $from } und vor { $to } bei: Die Mitglieder traten { $years } bei.
joined_range_any-yes = Ja: { $count } traten nach { $from } und vor { $to } bei: { $list }.
joined_range_any-no = Nein: Kein Land trat nach { $from } und vor { $to } bei; die Mitglieder traten { $years } bei.
joined_in_years-some = { $count } traten { $from } oder { $to } bei: { $list }.
joined_in_years-none = Kein Land trat { $from } oder { $to } bei: Die Mitglieder traten { $years } bei.
joined_in_years_any-yes = Ja: { $count } traten { $from } oder { $to } bei: { $list }.
joined_in_years_any-no = Nein: Kein Land trat { $from } oder { $to } bei; die Mitglieder traten { $years } bei.
founding_share-ok = { $founders } der { $count } Mitglieder, { $percent } %, sind Gründungsmitglieder: { $list }. Die anderen { $later } traten später bei.
largest_round-ok = { $year }: { $count } Länder traten damals bei ({ $list }). Die anderen Jahre: { $others }.
largest_round-pair = { $year }: { $count } Länder traten damals bei ({ $list }), gegenüber { $others }.
largest_round-tie = Kein Jahr sticht heraus: { $years } brachten je { $count } Beitritte.
year_since_founding-after = { $year } lag { $gap } Jahre nach dem Beginn der CSpO-Initiative { $began }.
year_since_founding-same = { $year } ist das Jahr, in dem { -cspo } begann.
year_since_founding-before = { $year } lag { $gap } Jahre vor dem Beginn der CSpO-Initiative { $began }.
