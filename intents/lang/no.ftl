# Norwegian (Bokmål) answers (FORMATS.md, "Languages"). One message per
# template of intents/*.toml, named INTENT-KEY, with the English
# template's variables in Norwegian: a country by CLDR's name ($country),
# lists with Norwegian list patterns, dates and notes by the messages
# below. Quotes stay in English, verbatim.

-cspo = CSpO-initiativet

declined = Det kan jeg ikke svare på ut fra artikkelen. Jeg svarer på spørsmål om CSpO-initiativet: medlemmene og når de ble med, møtet 5. desember ved Toulouse, og hva de siterte lederne sa. For eksempel: «Hvem er medlemmene?», «Når ble Japan med?», «Hva sa Saltzman?»
clarify = Hvilket { $what ->
    [country] land
    [person] person
    [topic] tema
    [year] år
   *[other] ting
} mener du?
note-founding = grunnleggende medlem, { $year }
note-joined = med fra { $year }
date = { $day }. { $month }{ $year }
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember
# Messages see their caller's variables: the comparison of $cmp.
cmp-word = { $cmp ->
    [before] før
    [in_or_after] fra og med
    [in_or_before] til og med
   *[after] etter
}

joined_in_year-some = { $list } ble med i { -cspo } i { $year }.
joined_in_year-none = Ingen land ble med i { -cspo } i { $year }: medlemmene ble med i { $years }.
joined_count_in_year-some = { $count } i { $year }: { $list }.
joined_count_in_year-none = Ingen: ingen land ble med i { -cspo } i { $year } (medlemmene ble med i { $years }).
joined_relative-some = { $list } ble med { cmp-word } { $year }.
joined_relative-none = Ingen land ble med { cmp-word } { $year }: medlemmene ble med i { $years }.
joined_latest-ok = De nyeste medlemmene er { $list }, som ble med i { $year }.
joined_with-founding = { $country } ble med i { $year } som grunnleggende medlem, sammen med { $list }.
joined_with-some = { $country } ble med i { $year }, sammen med { $list }.
joined_with-alone = { $country } ble med i { $year }; ingen andre land ble med det året.
joined_with-not_member = { $country } er ikke medlem av { -cspo }, og har derfor aldri blitt med.
founding_members-ok = { -cspo } startet i { $year } med { $count } grunnleggende medlemmer: { $list }.
is_founding-yes = Ja: { $country } er ett av de { $count } grunnleggende medlemmene; { -cspo } startet med dem i { $began }.
is_founding-no = Nei: { $country } ble med i { $year }. De grunnleggende medlemmene ({ $began }) var { $founders }.
is_founding-not_member = Nei: { $country } er ikke medlem av { -cspo } i det hele tatt.
initiative_start-ok = { -cspo } startet i { $year }, med { $count } grunnleggende medlemmer: { $list }.
initiative_what-ok = { $name } ({ $acronym }) er en gruppe på { $count } land. Det startet i { $year } og har nå { $count } medlemsland.
acronym-ok = { $acronym } står for { $expansion }.
acronym-named = { $acronym } er det artikkelen kaller { $expansion }; den sier ikke hva bokstavene står for.
growth-ok = { -cspo } vokste i { $steps } trinn, til { $count } medlemmer:
    { $timeline }
compare_join-yes = Ja: { $a } ble med i { $year_a }, { $b } i { $year_b }.
compare_join-no = Nei: { $a } ble med i { $year_a }, { $b } i { $year_b }.
compare_join-same = Nei: de ble med samtidig; både { $a } og { $b } ble med i { $year_a }.
compare_join-not_member = Nei: { $country } er ikke medlem av { -cspo }.
which_first-first = { $first } ble med først, i { $first_year }; { $second } ble med i { $second_year }.
which_first-last = { $second } ble med senere, i { $second_year }; { $first } ble med i { $first_year }.
which_first-same = Ingen av dem: både { $a } og { $b } ble med i { $year_a }.
which_first-not_member = { $country } er ikke medlem av { -cspo }.
same_time-yes = Ja: både { $a } og { $b } ble med i { $year_a }.
same_time-no = Nei: { $a } ble med i { $year_a }, { $b } i { $year_b }.
same_time-not_member = Nei: { $country } er ikke medlem av { -cspo }.
country_joined_in-yes = Ja: { $country } ble med i { -cspo } i { $year }.
country_joined_in-no = Nei: { $country } ble med i { $year }, ikke i { $asked }.
country_joined_in-not_member = Nei: { $country } er ikke medlem av { -cspo }.
non_founders-some = Ikke grunnleggende medlemmer: { $list } ble med etter { $year }.
non_founders-none = Alle medlemmene er grunnleggende medlemmer.
initiative_began_in-yes = Ja: { -cspo } startet i { $year }.
initiative_began_in-no = Nei: { -cspo } startet i { $year }, ikke i { $asked }.
joined_count_relative-some = { $count } land ble med { cmp-word } { $year }: { $list }.
joined_count_relative-none = Ingen land ble med { cmp-word } { $year }: medlemmene ble med i { $years }.
meeting_place-ok = Møtet ble holdt { $place }, i { $venue }.
meeting_date-ok = Møtet fant sted { $date } (artikkelen oppgir ikke året).
meeting_date-dated = Møtet fant sted { $date }.
meeting_year-ok = Artikkelen sier ikke hvilket år: den oppgir bare datoen, { $date }.
meeting_year-dated = Møtet fant sted i { $year }, { $date }.
meeting_host-ok = Vertskap for møtet var { $host }, i { $venue }, { $place }.
venue_age-ok = Artikkelen beskriver møtestedet som { $venue }; den oppgir ingen dato.
meeting_participants-ok = Alle de { $count } medlemslandene deltok: { $list }.
meeting_participants-some = { $count } land deltok på møtet: { $list }.
meeting_attended-yes = Ja: { $country } var ett av de { $count } medlemslandene på møtet.
meeting_attended-no = Nei: ifølge artikkelen samlet møtet de { $count } medlemslandene, og { $country } er ikke ett av dem.
meeting_attended-not_listed = Artikkelen nevner ikke { $country } blant de { $count } landene på møtet.
meeting_summary-ok = { $date } møttes de { $count } CSpO-landene { $place }, i { $venue }, { $purpose }. Møtet sendte et klart budskap om at { $message }. De diskuterte temaer som { $topics }.
topic_list-ok = Diskusjonene handlet om:
    { $lines }
topic_discussed-yes = Ja: diskusjonene handlet om { $summary }.
topic_profile-ok = Om { $topic } sier artikkelen at landene diskuterte { $summary }.
meeting_in-yes = Ja: møtet ble holdt { $place }, i { $venue }.
meeting_in-no = Nei: møtet ble holdt { $place }, i { $venue }.
meeting_on-yes = Ja: møtet fant sted { $date }.
meeting_on-no = Nei: møtet fant sted { $date }.
meeting_host_is-yes = Ja: møtet ble holdt i { $venue }.
meeting_host_is-no = Nei: møtet ble holdt i { $venue }, ikke hos { $org }.
member_list-ok = { -cspo } har { $count } medlemmer:
    { $lines }
member_count-ok = { -cspo } har { $count } medlemsland: { $list }.
is_member-yes_founding = Ja: { $country } er medlem av { -cspo } (ett av de grunnleggende medlemmene, siden { $year }).
is_member-yes_joined = Ja: { $country } er medlem av { -cspo } (med fra { $year }).
is_member-no = Nei: { $country } er ikke medlem av { -cspo }, som har { $count } medlemsland.
join_year-founding = { $country } ble med i { $year }: landet er ett av de { $founders } grunnleggende medlemmene av { -cspo }.
join_year-joined = { $country } ble med i { -cspo } i { $year }, sammen med { $with }.
join_year-alone = { $country } ble med i { -cspo } i { $year }.
join_year-not_member = { $country } er ikke medlem av { -cspo }, og har derfor aldri blitt med.
country_profile-founding = { $flag } { $country } er ett av de { $founders } grunnleggende medlemmene av { -cspo }, medlem siden { $year }.
country_profile-joined = { $flag } { $country } er medlem av { -cspo }: med fra { $year }, sammen med { $with }.
country_profile-alone = { $flag } { $country } er medlem av { -cspo }: med fra { $year }.
country_profile-not_member = { $country } er ikke medlem av { -cspo }, og artikkelen sier ikke noe annet om landet.
group_list-ok = { $list }.
group_count-ok = { $count }: { $list }.
person_quote-ok = { $person } sa (på engelsk): «{ $quote }»
person_quote-on_topic = { $person } sa (på engelsk): «{ $quote }»
person_quote-not_on_topic = Artikkelen siterer ikke { $person } om { $topic }.
person_quote_more-more = { $person } sa også (på engelsk): «{ $quote }»
person_quote_more-no_more = Det er alt artikkelen siterer fra { $person }: «{ $quote }»
quote_search-found = Det var { $person } ({ $roles }) som sa det, på engelsk: «{ $quote }»
person_who-ok = { $person } er { $roles }.
role_holder-ok = Det er { $person }: { $role }.
quoted_officials-ok = Artikkelen siterer { $count } ledere:
    { $lines }
quoted_officials-others = I tillegg til { $named } siterer artikkelen:
    { $lines }
person_name-ok = Artikkelen oppgir det fulle navnet: { $person } ({ $roles }).
person_has_role-yes = Ja: { $person } er { $roles }.
person_has_role-no = Nei: { $role } er { $holder }. { $person } er { $roles }.
quote_check-yes = Ja: { $person } sa (på engelsk): «{ $quote }»
quote_check-no = Nei, det var { $person }, som sa (på engelsk): «{ $quote }»
person_rank-ok = { $person } har graden { $rank }.
person_rank-none = Artikkelen oppgir ingen militær grad for { $person }.
person_nationality-yes = Ja: { $person } er fra dette landet ({ $country_name }).
person_nationality-no = Nei: { $person } er fra et annet land ({ $country_name }), ikke fra dette ({ $asked }).
person_nationality-ok = { $person } er fra dette landet: { $country_name }.
person_nationality-none = Artikkelen sier ikke hvor { $person } er fra.
greeting-ok = Hei! Jeg svarer på spørsmål om Combined Space Operations (CSpO)-initiativet, ut fra en nyhetsartikkel: de { $members } medlemslandene og når hvert ble med, møtet 5. desember ved Toulouse, og hva de siterte lederne sa. Prøv: «Hvem er medlemmene?», «Når ble Japan med?» eller «Hva sa Saltzman?»
thanks-ok = Bare hyggelig! Spør meg gjerne om mer om CSpO-initiativet.
goodbye-ok = Ha det! Kom tilbake med flere spørsmål om CSpO-initiativet.
help-ok = Jeg svarer på spørsmål om Combined Space Operations (CSpO)-initiativet, ut fra en nyhetsartikkel. Du kan for eksempel spørre:
    • Hvem er medlemmene? Hvor mange er de?
    • Er Brasil medlem? Når ble Japan med? Hvem ble med i 2020?
    • Hvem er de grunnleggende medlemmene? Når startet CSpO?
    • Ble Japan med før Tyskland? Hvem kom først, Italia eller Canada?
    • Hvor og når var møtet? Hvem var vertskap? Hva ble diskutert?
    • Hva sa Saltzman? Hvem sa «jaw-dropping speed»? Hvem er Whiting?
    Oppfølgingsspørsmål virker også: «og Italia?», «og i 2018?», «og hvor?».
source_info-ok = Alt jeg sier kommer fra en nyhetsartikkel om møtet i CSpO-initiativet 5. desember ved Toulouse. Hvert svar viser setningene det bygger på; i Telegram viser /sources dem.

# Telegram: the command menu (setMyCommands), /start, /help, inline mode.
cmd-start = Hva denne boten er og hvordan du bruker den
cmd-help = Kommandoer og eksempelspørsmål
cmd-ask = Still et spørsmål, f.eks. /ask Når ble Japan med?
cmd-members = Medlemslandene i CSpO-initiativet
cmd-meeting = Møtet i desember ved Toulouse
cmd-quotes = Hvem som ble sitert, og hva de sa
cmd-about = Hva CSpO-initiativet er
cmd-sources = Setningene i artikkelen bak det siste svaret
cmd-why = Hvordan det siste svaret ble funnet
cmd-share = En lenke som stiller ditt siste spørsmål igjen, til deling
help-title = Spør meg om CSpO-initiativet.
help-commands = Kommandoer:
help-how-to = I en privat chat skriver du bare spørsmålet ditt. I en gruppe begynner du med /ask, nevner meg ({ $at }) eller svarer på en av meldingene mine. I enhver chat kan du skrive { $at } og et spørsmål for å få svaret direkte.
help-examples = Eksempelspørsmål
start-hello = Hei!
start-intro = Jeg svarer på spørsmål om Combined Space Operations (CSpO)-initiativet, ut fra en nyhetsartikkel om møtet ved Toulouse.
start-try = Prøv et av disse:
start-help = /help viser kommandoene mine.
example-1 = Hvem er medlemmene?
example-2 = Når ble Japan med?
example-3 = Hvor ble møtet holdt?
example-4 = Hva sa Saltzman?
inline-declined = Det kan jeg ikke svare på ennå: prøv et eksempel
# A decline that recognised a country or concepts offers questions the
# bot answers ($country_name: the country's name).
did-you-mean = Det vet jeg ikke. Mente du:
suggest-country-1 = Når ble { $country_name } med?
suggest-country-2 = Er { $country_name } et grunnleggende medlem?
suggest-1 = Hvem er medlemmene?
suggest-2 = Hvor ble møtet holdt?
suggest-3 = Hva sa Saltzman?

# Reasoning answers (intents/reasoning.toml) and the meeting before.
followup_meeting_before-only = Artikkelen beskriver ett møte, { $meeting }, og nevner ingen før det.
followup_meeting_before-earliest = Artikkelen nevner ikke noe møte før { $meeting }, det tidligste av de { $count } møtene den beskriver.
years_between-f_after = { $country_name } ble med i { $year }, { $gap } år etter at CSpO-initiativet startet i { $since_year }.
years_between-f_founding = { $country_name } er et grunnleggende medlem: landet ble med da CSpO-initiativet startet, i { $since_year }.
years_between-f_yes = Ja: { $country_name } ble med i { $year }, { $gap } år etter at CSpO-initiativet startet i { $since_year }.
years_between-f_no = Nei: { $country_name } ble med i { $year }, { $gap } år etter at CSpO-initiativet startet i { $since_year }.
years_between-after = { $country_name } ble med i { $year }, { $gap } år etter { $since_name } ({ $since_year }).
years_between-same = { $country_name } og { $since_name } ble med samme år, i { $year }.
years_between-yes = Ja: { $country_name } ble med i { $year }, { $since_name } i { $since_year }.
years_between-no = Nei: { $country_name } ble med i { $year }, { $since_name } i { $since_year }.
years_between-not_member = { $country_name } er ikke medlem av CSpO-initiativet.
members_by_year-after = Ved utgangen av { $year } hadde CSpO-initiativet { $count } medlemmer: { $list }.
members_by_year-before = Før { $year } hadde CSpO-initiativet { $count } medlemmer: { $list }.
members_by_year-none = CSpO-initiativet startet i { $began }: det hadde ingen medlemmer før { $year }.
expansion_rounds-ok = CSpO-initiativet startet i { $began } med { $founders } medlemmer og er utvidet { $rounds } ganger siden: { $list }. Det har { $count } medlemmer.
expansion_rounds-none = CSpO-initiativet er ikke utvidet siden det startet i { $began }.
officials_by_rank-some = Av de { $total } siterte lederne har disse graden { $rank }: { $list }.
officials_by_rank-none = Artikkelen gir ingen av de { $total } siterte lederne graden { $rank }.
officials_by_rank-not = Av de { $total } siterte lederne gir artikkelen ikke graden { $rank } til: { $list }.
officials_by_rank-not_none = Artikkelen gir alle de { $total } siterte lederne graden { $rank }.
person_rank_is-yes = Ja: { $person } har graden { $rank }.
person_rank_is-no = { $person } har graden { $rank }.
person_rank_is-none = Artikkelen oppgir ingen militær grad for { $person }: { $person } er { $roles }.
person_roles-ok = { $person } har { $count } roller: { $list }.
person_roles-other = I tillegg til { $except } er { $person } { $list }.
person_roles-none = Artikkelen gir { $person } ingen rolle utover { $except }.
quote_how-ok = { $person } uttalte seg { $medium } (på engelsk): «{ $quote }»
quote_how-none = Artikkelen sier ikke hvordan { $person } uttalte seg; den siterer (på engelsk): «{ $quote }»
quote_by_medium-ok = Artikkelen siterer { $list } { $medium }.
officials_nationality-yes = Ja: ifølge artikkelen er alle de { $count } siterte lederne ({ $list }) fra dette landet: { $country_name }.
officials_nationality-no = Nei: ikke alle er fra dette landet ({ $country_name }): { $others }.
officials_nationality-unknown = Artikkelen sier ikke hvor { $unknown } er fra; de andre er fra dette landet: { $country_name }.

# Reasoning and compounds (session 5).
years_between-f_right = Ja: { $country_name } ble med i { $year }, { $gap } år etter at CSpO-initiativet startet i { $since_year }.
years_between-f_wrong = Nei: { $country_name } ble med i { $year }, { $gap } år etter at CSpO-initiativet startet i { $since_year }, ikke { $stated }.
years_between-right = Ja: { $country_name } ble med i { $year }, { $gap } år etter { $since_name } ({ $since_year }).
years_between-wrong = Nei: { $country_name } ble med i { $year } og { $since_name } i { $since_year }: { $gap } år imellom, ikke { $stated }.
founding_or_later-yes = { $country } er ett av de { $count } grunnleggende medlemmene: det var med da { -cspo } startet i { $began }.
founding_or_later-no = { $country } ble med senere, i { $year }. De grunnleggende medlemmene ({ $began }) var { $founders }.
founding_or_later-not_member = { $country } er ikke medlem av { -cspo } i det hele tatt.
joined_range-some = { $count } ble med etter { $from } og før { $to }: { $list }.
joined_range-none = Ingen land ble med etter { $from } og før { $to }: medlemmene ble med i { $years }.
joined_range_any-yes = Ja: { $count } ble med etter { $from } og før { $to }: { $list }.
joined_range_any-no = Nei: ingen land ble med etter { $from } og før { $to }; medlemmene ble med i { $years }.
joined_in_years-some = { $count } ble med i { $from } eller { $to }: { $list }.
joined_in_years-none = Ingen land ble med i { $from } eller { $to }: medlemmene ble med i { $years }.
joined_in_years_any-yes = Ja: { $count } ble med i { $from } eller { $to }: { $list }.
joined_in_years_any-no = Nei: ingen land ble med i { $from } eller { $to }; medlemmene ble med i { $years }.
founding_share-ok = { $founders } av de { $count } medlemmene, { $percent } %, er grunnleggende medlemmer: { $list }. De andre { $later } ble med senere.
largest_round-ok = { $year }: { $count } land ble med da ({ $list }). De andre årene: { $others }.
largest_round-pair = { $year }: { $count } land ble med da ({ $list }), mot { $others }.
largest_round-tie = Ingen år skiller seg ut: { $years } fikk { $count } nye medlemmer hver.
year_since_founding-after = { $year } var { $gap } år etter at CSpO-initiativet startet i { $began }.
year_since_founding-same = { $year } er året da { -cspo } startet.
year_since_founding-before = { $year } var { $gap } år før CSpO-initiativet startet i { $began }.
