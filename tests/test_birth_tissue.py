"""The birth-tissue rule (health-claims pack): a seller's page that offers a product made from umbilical cord,
placental or amniotic tissue promotes an unapproved biological drug, whatever it says the product
does; a page about cord blood transplants, or one that warns about such products, does not."""

from conftest import findings

RULE = "efficacy-overstatement/birth-tissue-product"

CLINIC = (
    "# Regenerative therapies at Desert Vitality\n\n"
    "Our Wharton's jelly injections are sourced from screened donors.\n\n"
    "Each vial of our Umbilical Cord Blood Stem Cell Allograft holds 30 million cells.\n\n"
    "Call today to book a consultation.\n"
)

CAREFUL = (
    "# Cord blood and stem cell transplants\n\n"
    "Umbilical cord blood transplants are used to treat leukemia and some other blood disorders.\n\n"
    "The FDA has approved several products made from umbilical cord blood, for use in blood-forming "
    "stem cell transplants only.\n\n"
    "No amniotic fluid product is approved for knee pain. Some clinics claim that umbilical cord "
    "injections cure arthritis; talk to your doctor before you pay for one.\n"
)


def test_a_clinic_offering_birth_tissue_products_is_flagged_for_each():
    assert [(rule, span) for rule, span in findings(CLINIC) if rule == RULE] == [
        (RULE, "Wharton's jelly injections"),
        (RULE, "Umbilical Cord Blood Stem Cell Allograft"),
    ]


def test_transplants_approvals_and_warnings_are_left_alone():
    assert [(rule, span) for rule, span in findings(CAREFUL) if rule == RULE] == []
