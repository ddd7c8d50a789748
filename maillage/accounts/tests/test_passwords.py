from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from maillage.tables.testing import PersonaTestCase


class PasswordPolicyTests(PersonaTestCase):
    def test_passwords_are_hashed_with_argon2(self):
        self.member.set_password("a long and unusual passphrase")
        self.assertEqual(identify_hasher(self.member.password).algorithm, "argon2")

    def test_eleven_characters_are_refused(self):
        with self.assertRaises(ValidationError):
            validate_password("kq8#vLz!m2p")

    def test_a_common_password_is_refused_however_long(self):
        with self.assertRaises(ValidationError):
            validate_password("password1234")

    def test_a_long_passphrase_needs_no_digits_or_symbols(self):
        validate_password("lichen under the old bridge")
