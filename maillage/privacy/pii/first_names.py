"""Common first names in Québec and Ontario, lower-cased, without accents where both spellings
are usual.

A modest list: it only has to catch names that spaCy's French model misses, mostly in English
sentences. Hyphenated names ('Pierre-Luc') are found by their first part.
"""

FIRST_NAMES = frozenset(
    """
    aaron abdel abdelkader abdoul abdullah adam adele adèle adrien ahmed aicha aïcha alain
    albert alex alexandra alexandre alexandrine alexis ali alice alicia aline alison amanda
    amelie amélie amina amir amy ana anais anaïs andre andré andrea andrée andrew angela
    angelique angélique anne annabelle annie anthony antoine ariane arianne arnaud arthur
    audrey aurelie aurélie ava awa aya barbara beatrice béatrice benjamin benoit benoît
    bernard bianca brandon brigitte bruno camille carl carla carole caroline carolyne
    catherine cedric cédric celine céline chantal charles charlotte chloe chloé christian
    christiane christine christopher claude claudette claudia claudine clement clément
    cody colin connor corinne daniel daniela danielle david debbie denis denise diane
    dominic dominique donald dylan edith édith edouard édouard elena eliane éliane elias
    elie élie elisabeth élisabeth elise élise ella emilie émilie emily emma emmanuel eric
    éric erika esther etienne étienne eve ève evelyne éveline fabienne fadi fatima fatoumata
    felix félix fernand florence francine francis francois françois frederic frédéric
    frederique frédérique gabriel gabrielle gaetan gaétan genevieve geneviève georges
    gerald gérald gerard gérard gilbert gilles ginette gisele gisèle guillaume guy hamza
    hassan helene hélène henri hugo hugues ian ibrahim ines inès irene isaac isabelle jack
    jacob jacqueline jacques james jasmine jason jean jeanne jeannine jennifer jeremy
    jérémy jessica jimmy joanie joanne jocelyn jocelyne joel joël john johanne jonathan
    jordan josee josée joseph josiane josée joshua judith julie julien juliette justin
    karim karine kateri katherine kathleen kathy kayla keith kelly kevin kim laura laurence
    laurent lea léa leila leïla leo léo leon léon liam lina linda lisa lise logan louis
    louise luc lucas lucie lucien luis lyne madeleine maelle maëlle malik manon marc marcel
    marco marguerite maria marie mariam marianne mario marion mark martin martine mathieu
    mathis matthew maude maurice maxime megan melanie mélanie melissa mélissa michael
    michel michele michèle micheline mireille mohamed mohammed monique mounir nadia nadine
    nancy natacha natalie nathalie nathan nicolas nicole noah noemie noémie normand
    nathaniel olivia olivier omar pascal pascale patricia patrick paul pauline philippe
    pierre priya rachel rachid rahul raphael raphaël raymond rebecca regis régis rejean
    réjean remi rémi rene rené richard robert roger roland rosalie sabrina salma samantha
    samir samuel sandra sara sarah sebastien sébastien serge simon simone sofia solange
    sophie stephane stéphane stephanie stéphanie steve steven suzanne sylvain sylvie tanya
    thérèse therese thomas tommy valerie valérie vanessa veronique véronique vincent
    virginie william xavier yannick yasmine yves yvon yvonne zacharie zoe zoé
    ahmad aisha amal anh bao chen duc fatma hoang huong jin karima khadija lan li linh mei
    minh nour rania reza salim sami sanjay sara thi wei yan yasmina youssef zainab
    """.split()
)

# First names that are also place names or common words: a name only with a surname after.
AMBIGUOUS_FIRST_NAMES = frozenset(
    """
    florence jordan laurence laurent lyne grace victoria rose mark guy jack eve ève
    li lan thi duc bao jin yan
    """.split()
)
