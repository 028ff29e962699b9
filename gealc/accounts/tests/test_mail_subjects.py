"""The account e-mails (invitations, password resets) have one-line subjects too."""

from allauth.account.adapter import get_adapter


def test_an_account_e_mail_subject_is_one_line_with_the_sites_prefix():
    assert get_adapter().format_email_subject("Choose\nBcc: x@evil.example") == (
        "[RED GEALC] Choose Bcc: x@evil.example"
    )
