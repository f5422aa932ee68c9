# French answers (FORMATS.md, "Languages"). One message per template of
# intents/*.toml, named INTENT-KEY, with the English template's variables
# in French: a country with its article ($country: "le Japon"; without:
# $country_name), lists with French list patterns, dates and notes by the
# messages below. Quotes stay in English, verbatim.

-cspo = l'initiative CSpO
# Messages see their caller's variables: the comparison of $cmp.
cmp-word = { $cmp ->
    [before] avant
    [in_or_after] en ou après
    [in_or_before] en ou avant
   *[after] après
}

declined = Je ne sais pas répondre à cela à partir de l'article. Je réponds aux questions sur l'initiative CSpO : ses membres et leurs années d'adhésion, la réunion du 5 décembre près de Toulouse, et ce qu'ont dit les responsables cités. Par exemple : « Quels sont les membres ? », « Quand le Japon a-t-il rejoint le CSpO ? », « Qu'a dit Saltzman ? »
clarify = De quel { $what ->
    [country] pays
    [person] responsable
    [topic] sujet
    [year] année
   *[other] élément
} parlez-vous ?
note-founding = membre fondateur, { $year }
note-joined = adhésion en { $year }
date = { $day } { $month }{ $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

joined_in_year-some = { $list } { $count ->
    [one] a rejoint
   *[other] ont rejoint
} { -cspo } en { $year }.
joined_in_year-none = Aucun pays n'a rejoint { -cspo } en { $year } : les membres ont adhéré en { $years }.
joined_count_in_year-some = { $count } en { $year } : { $list }.
joined_count_in_year-none = Aucun : aucun pays n'a rejoint { -cspo } en { $year } (les membres ont adhéré en { $years }).
joined_relative-some = { $list } ont rejoint { cmp-word } { $year }.
joined_relative-none = Aucun pays n'a rejoint { cmp-word } { $year } : les membres ont adhéré en { $years }.
joined_latest-ok = Les membres les plus récents sont { $list }, qui ont rejoint en { $year }.
joined_with-founding = { $country } a rejoint en { $year } comme membre fondateur, avec { $list }.
joined_with-some = { $country } a rejoint en { $year }, avec { $list }.
joined_with-alone = { $country } a rejoint en { $year } ; aucun autre pays n'a adhéré cette année-là.
joined_with-not_member = { $country } n'est pas membre de { -cspo } : ce pays ne l'a donc jamais rejointe.
founding_members-ok = { -cspo } a débuté en { $year } avec { $count } membres fondateurs : { $list }.
is_founding-yes = Oui : { $country } est l'un des { $count } membres fondateurs ; { -cspo } a débuté avec eux en { $began }.
is_founding-no = Non : { $country } a rejoint en { $year }. Les membres fondateurs ({ $began }) étaient { $founders }.
is_founding-not_member = Non : { $country } n'est pas du tout membre de { -cspo }.
initiative_start-ok = { -cspo } a débuté en { $year }, avec { $count } membres fondateurs : { $list }.
initiative_what-ok = La { $name } ({ $acronym }) est un groupe de { $count } pays. Elle a débuté en { $year } et compte aujourd'hui { $count } nations membres.
acronym-ok = { $acronym } signifie { $expansion }.
acronym-named = { $acronym } est le nom que l'article donne à { $expansion } ; il ne dit pas ce que signifient les lettres.
growth-ok = { -cspo } s'est élargie en { $steps } étapes, jusqu'à { $count } membres :
    { $timeline }
compare_join-yes = Oui : { $a } a rejoint en { $year_a }, { $b } en { $year_b }.
compare_join-no = Non : { $a } a rejoint en { $year_a }, { $b } en { $year_b }.
compare_join-same = Non : ils ont rejoint en même temps ; { $a } et { $b } ont tous deux adhéré en { $year_a }.
compare_join-not_member = Non : { $country } n'est pas membre de { -cspo }.
which_first-first = { $first } a rejoint en premier, en { $first_year } ; { $second } a rejoint en { $second_year }.
which_first-last = { $second } a rejoint plus tard, en { $second_year } ; { $first } a rejoint en { $first_year }.
which_first-same = Ni l'un ni l'autre : { $a } et { $b } ont tous deux rejoint en { $year_a }.
which_first-not_member = { $country } n'est pas membre de { -cspo }.
same_time-yes = Oui : { $a } et { $b } ont tous deux rejoint en { $year_a }.
same_time-no = Non : { $a } a rejoint en { $year_a }, { $b } en { $year_b }.
same_time-not_member = Non : { $country } n'est pas membre de { -cspo }.
country_joined_in-yes = Oui : { $country } a rejoint { -cspo } en { $year }.
country_joined_in-no = Non : { $country } a rejoint en { $year }, pas en { $asked }.
country_joined_in-not_member = Non : { $country } n'est pas membre de { -cspo }.
non_founders-some = Pas membres fondateurs : { $list } ont rejoint après { $year }.
non_founders-none = Tous les membres sont des membres fondateurs.
initiative_began_in-yes = Oui : { -cspo } a débuté en { $year }.
initiative_began_in-no = Non : { -cspo } a débuté en { $year }, pas en { $asked }.
joined_count_relative-some = { $count } pays ont rejoint { cmp-word } { $year } : { $list }.
joined_count_relative-none = Aucun pays n'a rejoint { cmp-word } { $year } : les membres ont adhéré en { $years }.
meeting_place-ok = La réunion s'est tenue { $place }, dans { $venue }.
meeting_date-ok = La réunion a eu lieu le { $date } (l'article ne donne pas l'année).
meeting_date-dated = La réunion a eu lieu le { $date }.
meeting_year-ok = L'article ne dit pas en quelle année : il ne donne que la date, le { $date }.
meeting_year-dated = La réunion a eu lieu en { $year }, le { $date }.
meeting_host-ok = La réunion a été accueillie dans { $venue }, { $place }.
venue_age-ok = L'article décrit le lieu comme { $venue } ; il ne donne pas de date.
meeting_participants-ok = Les { $count } nations membres y ont toutes participé : { $list }.
meeting_participants-some = { $count } nations ont participé à la réunion : { $list }.
meeting_attended-yes = Oui : { $country } faisait partie des { $count } nations membres présentes à la réunion.
meeting_attended-no = Non : selon l'article, la réunion a rassemblé les { $count } nations membres, et { $country } n'en fait pas partie.
meeting_attended-not_listed = L'article ne cite pas { $country } parmi les { $count } nations présentes à la réunion.
meeting_summary-ok = Le { $date }, les { $count } nations du CSpO se sont réunies { $place }, dans { $venue }, { $purpose }. La réunion a envoyé un message clair : { $message }. Elles ont discuté de sujets comme { $topics }.
topic_list-ok = Les discussions ont porté sur :
    { $lines }
topic_discussed-yes = Oui : les discussions ont porté sur { $summary }.
topic_profile-ok = Sur { $topic }, l'article dit que les nations ont discuté de { $summary }.
meeting_in-yes = Oui : la réunion s'est tenue { $place }, dans { $venue }.
meeting_in-no = Non : la réunion s'est tenue { $place }, dans { $venue }.
meeting_on-yes = Oui : la réunion a eu lieu le { $date }.
meeting_on-no = Non : la réunion a eu lieu le { $date }.
meeting_host_is-yes = Oui : la réunion a été accueillie dans { $venue }.
meeting_host_is-no = Non : la réunion a été accueillie dans { $venue }, et non par { $org }.
member_list-ok = { -cspo } compte { $count } membres :
    { $lines }
member_count-ok = { -cspo } compte { $count } nations membres : { $list }.
is_member-yes_founding = Oui : { $country } est membre de { -cspo } (l'un des membres fondateurs, depuis { $year }).
is_member-yes_joined = Oui : { $country } est membre de { -cspo } (adhésion en { $year }).
is_member-no = Non : { $country } n'est pas membre de { -cspo }, qui compte { $count } nations membres.
join_year-founding = { $country } a rejoint en { $year } : c'est l'un des { $founders } membres fondateurs de { -cspo }.
join_year-joined = { $country } a rejoint { -cspo } en { $year }, avec { $with }.
join_year-alone = { $country } a rejoint { -cspo } en { $year }.
join_year-not_member = { $country } n'est pas membre de { -cspo } : ce pays ne l'a donc jamais rejointe.
country_profile-founding = { $flag } { $country } est l'un des { $founders } membres fondateurs de { -cspo }, membre depuis { $year }.
country_profile-joined = { $flag } { $country } est membre de { -cspo } : adhésion en { $year }, avec { $with }.
country_profile-alone = { $flag } { $country } est membre de { -cspo } : adhésion en { $year }.
country_profile-not_member = { $country } n'est pas membre de { -cspo }, et l'article n'en dit rien d'autre.
group_list-ok = { $list }.
group_count-ok = { $count } : { $list }.
person_quote-ok = { $person } a déclaré (en anglais) : « { $quote } »
person_quote-on_topic = { $person } a déclaré (en anglais) : « { $quote } »
person_quote-not_on_topic = L'article ne cite pas { $person } sur { $topic }.
person_quote_more-more = { $person } a aussi déclaré (en anglais) : « { $quote } »
person_quote_more-no_more = C'est tout ce que l'article cite de { $person } : « { $quote } »
quote_search-found = C'est { $person } ({ $roles }) qui l'a dit (en anglais) : « { $quote } »
person_who-ok = { $person } est { $roles }.
role_holder-ok = C'est { $person } : { $role }.
quoted_officials-ok = L'article cite { $count } responsables :
    { $lines }
quoted_officials-others = Outre { $named }, l'article cite :
    { $lines }
person_name-ok = L'article donne son nom complet : { $person } ({ $roles }).
person_has_role-yes = Oui : { $person } est { $roles }.
person_has_role-no = Non : le poste de { $role } est occupé par { $holder }. { $person } est { $roles }.
quote_check-yes = Oui : { $person } a déclaré (en anglais) : « { $quote } »
quote_check-no = Non : c'était { $person }, qui a déclaré (en anglais) : « { $quote } »
person_rank-ok = { $person } a le grade de { $rank }.
person_rank-none = L'article ne donne aucun grade militaire pour { $person }.
person_nationality-yes = Oui : { $person } est originaire de ce pays : { $country_name }.
person_nationality-no = Non : { $person } est originaire d'un autre pays ({ $country_name }), et non de ce pays ({ $asked }).
person_nationality-ok = { $person } est originaire de ce pays : { $country_name }.
person_nationality-none = L'article ne dit pas d'où vient { $person }.
greeting-ok = Bonjour ! Je réponds aux questions sur l'initiative Combined Space Operations (CSpO), à partir d'un article de presse : ses { $members } nations membres et l'année d'adhésion de chacune, la réunion du 5 décembre près de Toulouse, et ce qu'ont dit les responsables cités. Essayez : « Quels sont les membres ? », « Quand le Japon a-t-il rejoint ? » ou « Qu'a dit Saltzman ? »
thanks-ok = Avec plaisir ! Posez-moi d'autres questions sur l'initiative CSpO.
goodbye-ok = Au revoir ! Revenez avec d'autres questions sur l'initiative CSpO.
help-ok = Je réponds aux questions sur l'initiative Combined Space Operations (CSpO), à partir d'un article de presse. Vous pouvez demander, par exemple :
    • Quels sont les membres ? Combien sont-ils ?
    • Le Brésil est-il membre ? Quand le Japon a-t-il rejoint ? Qui a rejoint en 2020 ?
    • Quels sont les membres fondateurs ? Quand le CSpO a-t-il commencé ?
    • Le Japon a-t-il rejoint avant l'Allemagne ? Qui est arrivé en premier, l'Italie ou le Canada ?
    • Où et quand a eu lieu la réunion ? Qui l'a accueillie ? De quoi a-t-on parlé ?
    • Qu'a dit Saltzman ? Qui a dit « jaw-dropping speed » ? Qui est Whiting ?
    Les questions de suite marchent aussi : « et l'Italie ? », « et en 2018 ? », « et où ? ».
source_info-ok = Tout ce que je dis vient d'un article de presse sur la réunion du 5 décembre de l'initiative CSpO près de Toulouse. Chacune de mes réponses cite les phrases dont elle vient ; dans Telegram, /sources les affiche.

# Telegram: the command menu (setMyCommands), /start, /help, inline mode.
cmd-start = Ce que fait ce bot et comment l'utiliser
cmd-help = Les commandes et des exemples de questions
cmd-ask = Poser une question, par ex. /ask Quand le Japon a-t-il rejoint le CSpO ?
cmd-members = Les pays membres de l'initiative CSpO
cmd-meeting = La réunion de décembre près de Toulouse
cmd-quotes = Qui a été cité, et ce qu'ils ont dit
cmd-about = Ce qu'est l'initiative CSpO
cmd-sources = Les phrases de l'article derrière la dernière réponse
cmd-why = Comment la dernière réponse a été trouvée
cmd-share = Un lien qui repose votre dernière question, à partager
help-title = Posez-moi vos questions sur l'initiative CSpO.
help-commands = Commandes :
help-how-to = Dans une conversation privée, écrivez simplement votre question. Dans un groupe, commencez par /ask, mentionnez-moi ({ $at }) ou répondez à l'un de mes messages. Dans n'importe quelle conversation, tapez { $at } puis une question pour obtenir la réponse en ligne.
help-examples = Exemples de questions
start-hello = Bonjour !
start-intro = Je réponds aux questions sur l'initiative Combined Space Operations (CSpO), à partir d'un article de presse sur sa réunion près de Toulouse.
start-try = Essayez l'une de ces questions :
start-help = /help liste mes commandes.
example-1 = Quels sont les membres ?
example-2 = Quand le Japon a-t-il rejoint le CSpO ?
example-3 = Où s'est tenue la réunion ?
example-4 = Qu'a dit Saltzman ?
inline-declined = Je ne peux pas encore répondre : essayez un exemple
# A decline that recognised a country or concepts offers questions the
# bot answers ($country: the country with its article).
did-you-mean = Je ne sais pas répondre à cela. Vouliez-vous dire :
suggest-country-1 = En quelle année { $country } a rejoint le CSpO ?
suggest-country-2 = Est-ce que { $country } est un membre fondateur ?
suggest-1 = Quels sont les membres ?
suggest-2 = Où s'est tenue la réunion ?
suggest-3 = Qu'a dit Saltzman ?

# Reasoning answers (intents/reasoning.toml) and the meeting before.
followup_meeting_before-only = L'article décrit une seule réunion, { $meeting }, et n'en cite aucune avant elle.
followup_meeting_before-earliest = L'article ne cite aucune réunion avant { $meeting }, la plus ancienne des { $count } réunions qu'il décrit.
years_between-f_after = { $country } a rejoint en { $year }, { $gap } ans après le début de { -cspo } en { $since_year }.
years_between-f_founding = { $country } est membre fondateur : ce pays a rejoint dès le début de { -cspo }, en { $since_year }.
years_between-f_yes = Oui : { $country } a rejoint en { $year }, { $gap } ans après le début de { -cspo } en { $since_year }.
years_between-f_no = Non : { $country } a rejoint en { $year }, { $gap } ans après le début de { -cspo } en { $since_year }.
years_between-after = { $country } a rejoint en { $year }, { $gap } ans après { $since } ({ $since_year }).
years_between-same = { $country } et { $since } ont rejoint la même année, en { $year }.
years_between-yes = Oui : { $country } a rejoint en { $year }, { $since } en { $since_year }.
years_between-no = Non : { $country } a rejoint en { $year }, { $since } en { $since_year }.
years_between-not_member = { $country } n'est pas membre de { -cspo }.
members_by_year-after = Fin { $year }, { -cspo } comptait { $count } membres : { $list }.
members_by_year-before = Avant { $year }, { -cspo } comptait { $count } membres : { $list }.
members_by_year-none = { -cspo } a débuté en { $began } : elle n'avait aucun membre avant { $year }.
expansion_rounds-ok = { -cspo } a débuté en { $began } avec { $founders } membres et s'est élargie { $rounds } fois depuis : { $list }. Elle compte { $count } membres.
expansion_rounds-none = { -cspo } ne s'est pas élargie depuis son début en { $began }.
officials_by_rank-some = Parmi les { $total } responsables cités, ont le grade de { $rank } : { $list }.
officials_by_rank-none = L'article ne donne à aucun des { $total } responsables cités le grade de { $rank }.
officials_by_rank-not = Parmi les { $total } responsables cités, l'article ne donne pas le grade de { $rank } à : { $list }.
officials_by_rank-not_none = L'article donne aux { $total } responsables cités le grade de { $rank }.
person_rank_is-yes = Oui : { $person } a le grade de { $rank }.
person_rank_is-no = { $person } a le grade de { $rank }.
person_rank_is-none = L'article ne donne aucun grade militaire pour { $person } : { $person } est { $roles }.
person_roles-ok = { $person } occupe { $count } fonctions : { $list }.
person_roles-other = Outre { $except }, { $person } est { $list }.
person_roles-none = L'article ne donne à { $person } aucune fonction en dehors de { $except }.
quote_how-ok = Les propos de { $person } ont été tenus { $medium } (en anglais) : « { $quote } »
quote_how-none = L'article ne dit pas comment { $person } s'est exprimé ; il cite (en anglais) : « { $quote } »
quote_by_medium-ok = L'article cite { $list } { $medium }.
officials_nationality-yes = Oui : selon l'article, les { $count } responsables cités ({ $list }) viennent tous de ce pays : { $country_name }.
officials_nationality-no = Non : ils ne viennent pas tous de ce pays ({ $country_name }) : { $others }.
officials_nationality-unknown = L'article ne dit pas d'où vient { $unknown } ; les autres viennent de ce pays : { $country_name }.

# Reasoning and compounds (session 5).
years_between-f_right = Oui : { $country } a rejoint en { $year }, { $gap } ans après le début de { -cspo } en { $since_year }.
years_between-f_wrong = Non : { $country } a rejoint en { $year }, { $gap } ans après le début de { -cspo } en { $since_year }, et non { $stated }.
years_between-right = Oui : { $country } a rejoint en { $year }, { $gap } ans après { $since } ({ $since_year }).
years_between-wrong = Non : { $country } a rejoint en { $year } et { $since } en { $since_year } : { $gap } ans d'écart, et non { $stated }.
founding_or_later-yes = { $country } est l'un des { $count } membres fondateurs : ce pays était là au début de { -cspo }, en { $began }.
founding_or_later-no = { $country } a rejoint plus tard, en { $year }. Les membres fondateurs ({ $began }) étaient { $founders }.
founding_or_later-not_member = { $country } n'est pas du tout membre de { -cspo }.
joined_range-some = { $count } ont rejoint après { $from } et avant { $to } : { $list }.
joined_range-none = Aucun pays n'a rejoint après { $from } et avant { $to } : les membres ont adhéré en { $years }.
joined_range_any-yes = Oui : { $count } ont rejoint après { $from } et avant { $to } : { $list }.
joined_range_any-no = Non : aucun pays n'a rejoint après { $from } et avant { $to } ; les membres ont adhéré en { $years }.
joined_in_years-some = { $count } ont rejoint en { $from } ou en { $to } : { $list }.
joined_in_years-none = Aucun pays n'a rejoint en { $from } ou en { $to } : les membres ont adhéré en { $years }.
joined_in_years_any-yes = Oui : { $count } ont rejoint en { $from } ou en { $to } : { $list }.
joined_in_years_any-no = Non : aucun pays n'a rejoint en { $from } ou en { $to } ; les membres ont adhéré en { $years }.
founding_share-ok = { $founders } des { $count } membres, soit { $percent } %, sont des membres fondateurs : { $list }. Les { $later } autres ont rejoint plus tard.
largest_round-ok = { $year } : { $count } pays ont rejoint cette année-là ({ $list }). Les autres années : { $others }.
largest_round-pair = { $year } : { $count } pays ont rejoint cette année-là ({ $list }), contre { $others }.
largest_round-tie = Aucune année ne se distingue : { $years } ont vu { $count } adhésions chacune.
year_since_founding-after = { $year } venait { $gap } ans après le début de { -cspo } en { $began }.
year_since_founding-same = { $year } est l'année où { -cspo } a débuté.
year_since_founding-before = { $year } venait { $gap } ans avant le début de { -cspo } en { $began }.
