# Italian answers (FORMATS.md, "Languages"). One message per template of
# intents/*.toml, named INTENT-KEY, with the English template's variables
# in Italian: a country with its article ($country: "il Giappone"; without:
# $country_name), lists with Italian list patterns, dates and notes by the
# messages below. Quotes stay in English, verbatim.

-cspo = l'iniziativa CSpO
-della-cspo = dell'iniziativa CSpO

declined = Non so rispondere a questo in base all'articolo. Rispondo a domande sull'iniziativa CSpO: i suoi membri e gli anni di adesione, l'incontro del 5 dicembre vicino a Tolosa e ciò che hanno detto i funzionari citati. Per esempio: «Quali sono i membri?», «Quando è entrato il Giappone?», «Cosa ha detto Saltzman?»
clarify = Di quale { $what ->
    [country] paese
    [person] persona
    [topic] tema
    [year] anno
   *[other] cosa
} parla?
note-founding = membro fondatore, { $year }
note-joined = entrato nel { $year }
date = { $day } { $month }{ $year }
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
# Messages see their caller's variables: the comparison of $cmp.
cmp-word = { $cmp ->
    [before] prima del
    [in_or_after] dal
    [in_or_before] entro il
   *[after] dopo il
}

joined_in_year-some = { $list } { $count ->
    [one] è entrato
   *[other] sono entrati
} nell'iniziativa CSpO nel { $year }.
joined_in_year-none = Nessun paese è entrato nell'iniziativa CSpO nel { $year }: i membri sono entrati nel { $years }.
joined_count_in_year-some = { $count } nel { $year }: { $list }.
joined_count_in_year-none = Nessuno: nessun paese è entrato nell'iniziativa CSpO nel { $year } (i membri sono entrati nel { $years }).
joined_relative-some = { $list } sono entrati { cmp-word } { $year }.
joined_relative-none = Nessun paese è entrato { cmp-word } { $year }: i membri sono entrati nel { $years }.
joined_latest-ok = I membri più recenti sono { $list }, entrati nel { $year }.
joined_with-founding = { $country } è entrato nel { $year } come membro fondatore, insieme a { $list }.
joined_with-some = { $country } è entrato nel { $year }, insieme a { $list }.
joined_with-alone = { $country } è entrato nel { $year }; nessun altro paese è entrato quell'anno.
joined_with-not_member = { $country } non è membro { -della-cspo }, quindi non vi è mai entrato.
founding_members-ok = { -cspo } è nata nel { $year } con { $count } membri fondatori: { $list }.
is_founding-yes = Sì: { $country } è uno dei { $count } membri fondatori; { -cspo } è nata con loro nel { $began }.
is_founding-no = No: { $country } è entrato nel { $year }. I membri fondatori ({ $began }) erano { $founders }.
is_founding-not_member = No: { $country } non è affatto membro { -della-cspo }.
initiative_start-ok = { -cspo } è nata nel { $year }, con { $count } membri fondatori: { $list }.
initiative_what-ok = La { $name } ({ $acronym }) è un gruppo di { $count } paesi. È nata nel { $year } e oggi conta { $count } nazioni membri.
acronym-ok = { $acronym } sta per { $expansion }.
acronym-named = { $acronym } è il nome che l'articolo dà a { $expansion }; non dice cosa significano le lettere.
growth-ok = { -cspo } è cresciuta in { $steps } tappe, fino a { $count } membri:
    { $timeline }
compare_join-yes = Sì: { $a } è entrato nel { $year_a }, { $b } nel { $year_b }.
compare_join-no = No: { $a } è entrato nel { $year_a }, { $b } nel { $year_b }.
compare_join-same = No: sono entrati insieme; { $a } e { $b } sono entrati entrambi nel { $year_a }.
compare_join-not_member = No: { $country } non è membro { -della-cspo }.
which_first-first = { $first } è entrato per primo, nel { $first_year }; { $second } è entrato nel { $second_year }.
which_first-last = { $second } è entrato dopo, nel { $second_year }; { $first } è entrato nel { $first_year }.
which_first-same = Nessuno dei due: { $a } e { $b } sono entrati entrambi nel { $year_a }.
which_first-not_member = { $country } non è membro { -della-cspo }.
same_time-yes = Sì: { $a } e { $b } sono entrati entrambi nel { $year_a }.
same_time-no = No: { $a } è entrato nel { $year_a }, { $b } nel { $year_b }.
same_time-not_member = No: { $country } non è membro { -della-cspo }.
country_joined_in-yes = Sì: { $country } è entrato nell'iniziativa CSpO nel { $year }.
country_joined_in-no = No: { $country } è entrato nel { $year }, non nel { $asked }.
country_joined_in-not_member = No: { $country } non è membro { -della-cspo }.
non_founders-some = Non membri fondatori: { $list } sono entrati dopo il { $year }.
non_founders-none = Tutti i membri sono membri fondatori.
initiative_began_in-yes = Sì: { -cspo } è nata nel { $year }.
initiative_began_in-no = No: { -cspo } è nata nel { $year }, non nel { $asked }.
joined_count_relative-some = { $count } paesi sono entrati { cmp-word } { $year }: { $list }.
joined_count_relative-none = Nessun paese è entrato { cmp-word } { $year }: i membri sono entrati nel { $years }.
meeting_place-ok = L'incontro si è svolto { $place }, presso { $venue }.
meeting_date-ok = L'incontro si è svolto il { $date } (l'articolo non indica l'anno).
meeting_date-dated = L'incontro si è svolto il { $date }.
meeting_year-ok = L'articolo non dice in che anno: indica solo la data, il { $date }.
meeting_year-dated = L'incontro si è svolto nel { $year }, il { $date }.
meeting_host-ok = L'incontro è stato ospitato presso { $venue }, { $place }.
venue_age-ok = L'articolo descrive la sede come { $venue }; non indica una data.
meeting_participants-ok = Hanno partecipato tutte le { $count } nazioni membri: { $list }.
meeting_participants-some = { $count } nazioni hanno partecipato all'incontro: { $list }.
meeting_attended-yes = Sì: { $country } era una delle { $count } nazioni membri presenti all'incontro.
meeting_attended-no = No: secondo l'articolo l'incontro ha riunito le { $count } nazioni membri, e { $country } non è tra queste.
meeting_attended-not_listed = L'articolo non cita { $country } tra le { $count } nazioni presenti all'incontro.
meeting_summary-ok = Il { $date } le { $count } nazioni del CSpO si sono riunite { $place }, presso { $venue }, { $purpose }. L'incontro ha lanciato un messaggio chiaro: { $message }. Hanno discusso temi come { $topics }.
topic_list-ok = Le discussioni hanno riguardato:
    { $lines }
topic_discussed-yes = Sì: le discussioni hanno riguardato { $summary }.
topic_profile-ok = Su { $topic }, l'articolo dice che le nazioni hanno discusso { $summary }.
meeting_in-yes = Sì: l'incontro si è svolto { $place }, presso { $venue }.
meeting_in-no = No: l'incontro si è svolto { $place }, presso { $venue }.
meeting_on-yes = Sì: l'incontro si è svolto il { $date }.
meeting_on-no = No: l'incontro si è svolto il { $date }.
meeting_host_is-yes = Sì: l'incontro è stato ospitato presso { $venue }.
meeting_host_is-no = No: l'incontro è stato ospitato presso { $venue }, non da { $org }.
member_list-ok = { -cspo } conta { $count } membri:
    { $lines }
member_count-ok = { -cspo } conta { $count } nazioni membri: { $list }.
is_member-yes_founding = Sì: { $country } è membro { -della-cspo } (uno dei membri fondatori, dal { $year }).
is_member-yes_joined = Sì: { $country } è membro { -della-cspo } (entrato nel { $year }).
is_member-no = No: { $country } non è membro { -della-cspo }, che conta { $count } nazioni membri.
join_year-founding = { $country } è entrato nel { $year }: è uno dei { $founders } membri fondatori { -della-cspo }.
join_year-joined = { $country } è entrato nell'iniziativa CSpO nel { $year }, insieme a { $with }.
join_year-alone = { $country } è entrato nell'iniziativa CSpO nel { $year }.
join_year-not_member = { $country } non è membro { -della-cspo }, quindi non vi è mai entrato.
country_profile-founding = { $flag } { $country } è uno dei { $founders } membri fondatori { -della-cspo }, membro dal { $year }.
country_profile-joined = { $flag } { $country } è membro { -della-cspo }: entrato nel { $year }, insieme a { $with }.
country_profile-alone = { $flag } { $country } è membro { -della-cspo }: entrato nel { $year }.
country_profile-not_member = { $country } non è membro { -della-cspo }, e l'articolo non ne dice altro.
group_list-ok = { $list }.
group_count-ok = { $count }: { $list }.
person_quote-ok = { $person } ha detto (in inglese): «{ $quote }»
person_quote-on_topic = { $person } ha detto (in inglese): «{ $quote }»
person_quote-not_on_topic = L'articolo non cita { $person } su { $topic }.
person_quote_more-more = { $person } ha anche detto (in inglese): «{ $quote }»
person_quote_more-no_more = È tutto ciò che l'articolo cita di { $person }: «{ $quote }»
quote_search-found = L'ha detto { $person } ({ $roles }), in inglese: «{ $quote }»
person_who-ok = { $person } è { $roles }.
role_holder-ok = È { $person }: { $role }.
quoted_officials-ok = L'articolo cita { $count } funzionari:
    { $lines }
quoted_officials-others = Oltre a { $named }, l'articolo cita:
    { $lines }
person_name-ok = L'articolo dà il nome completo: { $person } ({ $roles }).
person_has_role-yes = Sì: { $person } è { $roles }.
person_has_role-no = No: { $role } è { $holder }. { $person } è { $roles }.
quote_check-yes = Sì: { $person } ha detto (in inglese): «{ $quote }»
quote_check-no = No, era { $person }, che ha detto (in inglese): «{ $quote }»
person_rank-ok = { $person } ha il grado di { $rank }.
person_rank-none = L'articolo non indica alcun grado militare per { $person }.
person_nationality-yes = Sì: { $person } viene da questo paese ({ $country_name }).
person_nationality-no = No: { $person } viene da un altro paese ({ $country_name }), non da questo ({ $asked }).
person_nationality-ok = { $person } viene da questo paese: { $country_name }.
person_nationality-none = L'articolo non dice da dove venga { $person }.
greeting-ok = Ciao! Rispondo a domande sull'iniziativa Combined Space Operations (CSpO), in base a un articolo di cronaca: le sue { $members } nazioni membri e quando è entrata ciascuna, l'incontro del 5 dicembre vicino a Tolosa e ciò che hanno detto i funzionari citati. Prova: «Quali sono i membri?», «Quando è entrato il Giappone?» o «Cosa ha detto Saltzman?»
thanks-ok = Prego! Chiedimi pure altro sull'iniziativa CSpO.
goodbye-ok = Arrivederci! Torna con altre domande sull'iniziativa CSpO.
help-ok = Rispondo a domande sull'iniziativa Combined Space Operations (CSpO), in base a un articolo di cronaca. Puoi chiedere, per esempio:
    • Quali sono i membri? Quanti sono?
    • Il Brasile è membro? Quando è entrato il Giappone? Chi è entrato nel 2020?
    • Quali sono i membri fondatori? Quando è nato il CSpO?
    • Il Giappone è entrato prima della Germania? Chi è entrato prima, l'Italia o il Canada?
    • Dove e quando si è svolto l'incontro? Chi l'ha ospitato? Di cosa si è parlato?
    • Cosa ha detto Saltzman? Chi ha detto «jaw-dropping speed»? Chi è Whiting?
    Funzionano anche le domande di seguito: «e l'Italia?», «e nel 2018?», «e dove?».
source_info-ok = Tutto ciò che dico viene da un articolo di cronaca sull'incontro del 5 dicembre dell'iniziativa CSpO vicino a Tolosa. Ogni risposta cita le frasi da cui proviene; in Telegram, /sources le mostra.

# Telegram: the command menu (setMyCommands), /start, /help, inline mode.
cmd-start = Che cos'è questo bot e come usarlo
cmd-help = I comandi ed esempi di domande
cmd-ask = Fai una domanda, ad es. /ask Quando è entrato il Giappone?
cmd-members = I paesi membri dell'iniziativa CSpO
cmd-meeting = L'incontro di dicembre vicino a Tolosa
cmd-quotes = Chi è stato citato e cosa ha detto
cmd-about = Che cos'è l'iniziativa CSpO
cmd-sources = Le frasi dell'articolo dietro l'ultima risposta
cmd-why = Come è stata trovata l'ultima risposta
cmd-share = Un link che ripropone la tua ultima domanda, da condividere
help-title = Chiedimi dell'iniziativa CSpO.
help-commands = Comandi:
help-how-to = In una chat privata, scrivi semplicemente la tua domanda. In un gruppo, inizia con /ask, menzionami ({ $at }) o rispondi a uno dei miei messaggi. In qualsiasi chat, scrivi { $at } e una domanda per la risposta in linea.
help-examples = Esempi di domande
start-hello = Ciao!
start-intro = Rispondo a domande sull'iniziativa Combined Space Operations (CSpO), in base a un articolo di giornale sul suo incontro vicino a Tolosa.
start-try = Prova una di queste:
start-help = /help elenca i miei comandi.
example-1 = Quali sono i membri?
example-2 = Quando è entrato il Giappone?
example-3 = Dove si è svolto l'incontro?
example-4 = Cosa ha detto Saltzman?
inline-declined = Non so ancora rispondere: prova un esempio
# A decline that recognised a country or concepts offers questions the
# bot answers ($country: the country with its article).
did-you-mean = Non lo so. Forse intendevi:
suggest-country-1 = In che anno ha aderito { $country }?
suggest-country-2 = { $country } è un membro fondatore?
suggest-1 = Quali sono i membri?
suggest-2 = Dove si è svolto l'incontro?
suggest-3 = Cosa ha detto Saltzman?

# Reasoning answers (intents/reasoning.toml) and the meeting before.
followup_meeting_before-only = L'articolo descrive un solo incontro, { $meeting }, e non ne cita nessuno precedente.
followup_meeting_before-earliest = L'articolo non cita alcun incontro prima di { $meeting }, il più antico dei { $count } incontri che descrive.
years_between-f_after = { $country } ha aderito nel { $year }, { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $since_year }.
years_between-f_founding = { $country } è un membro fondatore: ha aderito all'avvio dell'iniziativa CSpO, nel { $since_year }.
years_between-f_yes = Sì: { $country } ha aderito nel { $year }, { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $since_year }.
years_between-f_no = No: { $country } ha aderito nel { $year }, { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $since_year }.
years_between-after = { $country } ha aderito nel { $year }, { $gap } anni dopo { $since } ({ $since_year }).
years_between-same = { $country } e { $since } hanno aderito nello stesso anno, il { $year }.
years_between-yes = Sì: { $country } ha aderito nel { $year }, { $since } nel { $since_year }.
years_between-no = No: { $country } ha aderito nel { $year }, { $since } nel { $since_year }.
years_between-not_member = { $country } non è membro dell'iniziativa CSpO.
members_by_year-after = Alla fine del { $year } l'iniziativa CSpO contava { $count } membri: { $list }.
members_by_year-before = Prima del { $year } l'iniziativa CSpO contava { $count } membri: { $list }.
members_by_year-none = L'iniziativa CSpO è nata nel { $began }: prima del { $year } non aveva membri.
expansion_rounds-ok = L'iniziativa CSpO è nata nel { $began } con { $founders } membri e da allora si è allargata { $rounds } volte: { $list }. Conta { $count } membri.
expansion_rounds-none = L'iniziativa CSpO non si è allargata dalla nascita nel { $began }.
officials_by_rank-some = Dei { $total } funzionari citati, hanno il grado di { $rank }: { $list }.
officials_by_rank-none = L'articolo non attribuisce a nessuno dei { $total } funzionari citati il grado di { $rank }.
officials_by_rank-not = Dei { $total } funzionari citati, l'articolo non attribuisce il grado di { $rank } a: { $list }.
officials_by_rank-not_none = L'articolo attribuisce a tutti i { $total } funzionari citati il grado di { $rank }.
person_rank_is-yes = Sì: { $person } ha il grado di { $rank }.
person_rank_is-no = { $person } ha il grado di { $rank }.
person_rank_is-none = L'articolo non indica alcun grado militare per { $person }: { $person } è { $roles }.
person_roles-ok = { $person } ricopre { $count } incarichi: { $list }.
person_roles-other = Oltre a { $except }, { $person } è { $list }.
person_roles-none = L'articolo non attribuisce a { $person } alcun incarico oltre a { $except }.
quote_how-ok = Le parole di { $person } sono arrivate { $medium } (in inglese): «{ $quote }»
quote_how-none = L'articolo non dice come si è espresso { $person }; cita (in inglese): «{ $quote }»
quote_by_medium-ok = L'articolo cita { $list } { $medium }.
officials_nationality-yes = Sì: secondo l'articolo tutti i { $count } funzionari citati ({ $list }) vengono da questo paese: { $country_name }.
officials_nationality-no = No: non tutti vengono da questo paese ({ $country_name }): { $others }.
officials_nationality-unknown = L'articolo non dice da dove viene { $unknown }; gli altri vengono da questo paese: { $country_name }.

# Reasoning and compounds (session 5).
years_between-f_right = Sì: { $country } ha aderito nel { $year }, { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $since_year }.
years_between-f_wrong = No: { $country } ha aderito nel { $year }, { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $since_year }, non { $stated }.
years_between-right = Sì: { $country } ha aderito nel { $year }, { $gap } anni dopo { $since } ({ $since_year }).
years_between-wrong = No: { $country } ha aderito nel { $year } e { $since } nel { $since_year }: { $gap } anni di distanza, non { $stated }.
founding_or_later-yes = { $country } è uno dei { $count } membri fondatori: c'era quando { -cspo } è nata, nel { $began }.
founding_or_later-no = { $country } è entrato più tardi, nel { $year }. I membri fondatori ({ $began }) erano { $founders }.
founding_or_later-not_member = { $country } non è affatto membro { -della-cspo }.
joined_range-some = { $count } sono entrati dopo il { $from } e prima del { $to }: { $list }.
joined_range-none = Nessun paese è entrato dopo il { $from } e prima del { $to }: i membri sono entrati nel { $years }.
joined_range_any-yes = Sì: { $count } sono entrati dopo il { $from } e prima del { $to }: { $list }.
joined_range_any-no = No: nessun paese è entrato dopo il { $from } e prima del { $to }; i membri sono entrati nel { $years }.
joined_in_years-some = { $count } sono entrati nel { $from } o nel { $to }: { $list }.
joined_in_years-none = Nessun paese è entrato nel { $from } o nel { $to }: i membri sono entrati nel { $years }.
joined_in_years_any-yes = Sì: { $count } sono entrati nel { $from } o nel { $to }: { $list }.
joined_in_years_any-no = No: nessun paese è entrato nel { $from } o nel { $to }; i membri sono entrati nel { $years }.
founding_share-ok = { $founders } dei { $count } membri, il { $percent }%, sono membri fondatori: { $list }. Gli altri { $later } sono entrati dopo.
largest_round-ok = { $year }: { $count } paesi sono entrati quell'anno ({ $list }). Gli altri anni: { $others }.
largest_round-pair = { $year }: { $count } paesi sono entrati quell'anno ({ $list }), contro { $others }.
largest_round-tie = Nessun anno spicca: { $years } hanno visto { $count } adesioni ciascuno.
year_since_founding-after = Il { $year } è stato { $gap } anni dopo l'avvio dell'iniziativa CSpO nel { $began }.
year_since_founding-same = Il { $year } è l'anno in cui è nata { -cspo }.
year_since_founding-before = Il { $year } è stato { $gap } anni prima dell'avvio dell'iniziativa CSpO nel { $began }.
