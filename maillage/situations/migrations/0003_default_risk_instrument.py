"""A default 24-item checklist for domestic violence cells, inspired by the DASH checklist used
by MARACs: 14 "yes" answers or more is high risk; professional judgement and escalation are
alternative grounds recorded with each assessment."""

from django.db import migrations

QUESTIONS = [
    ("L'incident actuel a-t-il causé des blessures?", "Did the current incident result in injury?"),
    ("La victime a-t-elle très peur?", "Is the victim very frightened?"),
    ("La victime craint-elle d'autres blessures ou violences?", "Is the victim afraid of further injury or violence?"),
    ("La victime se sent-elle isolée de sa famille ou de ses proches?", "Does the victim feel isolated from family or friends?"),
    ("La victime se sent-elle déprimée ou a-t-elle des idées suicidaires?", "Is the victim feeling depressed or having suicidal thoughts?"),
    ("La victime s'est-elle séparée ou a-t-elle tenté de le faire dans la dernière année?", "Has the victim separated or tried to separate in the past year?"),
    ("Y a-t-il un conflit au sujet des contacts avec les enfants?", "Is there conflict over contact with the children?"),
    ("La personne agresseure harcèle-t-elle, suit-elle ou contacte-t-elle la victime sans cesse?", "Does the abuser constantly contact, follow, stalk or harass the victim?"),
    ("La victime est-elle enceinte ou a-t-elle accouché récemment?", "Is the victim pregnant or has she recently had a baby?"),
    ("La violence est-elle plus fréquente?", "Is the abuse happening more often?"),
    ("La violence s'aggrave-t-elle?", "Is the abuse getting worse?"),
    ("La personne agresseure cherche-t-elle à tout contrôler ou est-elle excessivement jalouse?", "Does the abuser try to control everything or show excessive jealousy?"),
    ("La personne agresseure a-t-elle utilisé une arme ou un objet pour blesser?", "Has the abuser used weapons or objects to hurt?"),
    ("La personne agresseure a-t-elle menacé de tuer la victime ou quelqu'un d'autre?", "Has the abuser threatened to kill the victim or someone else?"),
    ("La personne agresseure a-t-elle tenté d'étrangler, d'étouffer ou de noyer la victime?", "Has the abuser tried to strangle, choke, suffocate or drown the victim?"),
    ("La personne agresseure impose-t-elle des actes sexuels qui blessent ou humilient?", "Does the abuser force sexual acts that hurt or humiliate?"),
    ("Une autre personne menace-t-elle la victime ou lui fait-elle peur?", "Does another person threaten the victim or make them afraid?"),
    ("La personne agresseure a-t-elle blessé d'autres personnes (enfants, ex-partenaires)?", "Has the abuser hurt anyone else (children, previous partners)?"),
    ("La personne agresseure a-t-elle maltraité un animal?", "Has the abuser ever mistreated an animal?"),
    ("Y a-t-il des difficultés financières ou la personne agresseure a-t-elle perdu son emploi?", "Are there financial difficulties or has the abuser lost their job?"),
    ("La personne agresseure a-t-elle eu des problèmes d'alcool, de drogues ou de santé mentale dans la dernière année?", "Has the abuser had problems with alcohol, drugs or mental health in the past year?"),
    ("La personne agresseure a-t-elle menacé de se suicider ou tenté de le faire?", "Has the abuser threatened or attempted suicide?"),
    ("La personne agresseure a-t-elle enfreint des conditions de remise en liberté ou une ordonnance?", "Has the abuser breached bail conditions or a protection order?"),
    ("La personne agresseure a-t-elle des antécédents criminels ou de violence connus de la police?", "Does the abuser have a criminal or violent history known to police?"),
]


def load(apps, schema_editor):
    Instrument = apps.get_model("situations", "RiskInstrument")
    Question = apps.get_model("situations", "InstrumentQuestion")
    instrument, created = Instrument.objects.get_or_create(
        code="dv-24",
        defaults={
            "name_fr": "Grille de risque en violence conjugale (24 questions)",
            "name_en": "Domestic violence risk checklist (24 questions)",
            "high_risk_threshold": 14,
        },
    )
    if created:
        Question.objects.bulk_create(
            Question(instrument=instrument, position=i + 1, text_fr=fr, text_en=en)
            for i, (fr, en) in enumerate(QUESTIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("situations", "0002_default_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
