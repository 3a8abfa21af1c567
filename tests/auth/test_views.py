"""Sign-in page, language choice and password change, as a person uses them."""

from tests.conftest import PASSWORD, login


def test_sign_in_page_is_swedish_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="sv" dir="ltr">' in page
    assert "Logga in" in page and "Användarnamn" in page


def test_wrong_password_says_so_without_telling_which_part(client, make_user):
    user = make_user()
    wrong = client.post("/login", data={"username": user.username, "password": "nope nope"})
    unknown = client.post("/login", data={"username": "nobody", "password": "nope nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert "Fel användarnamn eller lösenord." in wrong.get_data(as_text=True)
    assert "Fel användarnamn eller lösenord." in unknown.get_data(as_text=True)


def test_sign_in_redirects_only_to_local_paths(client, make_user):
    user = make_user("supervisor")
    response = client.post("/login", data={"username": user.username, "password": PASSWORD,
                                           "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login", data={"username": user.username, "password": PASSWORD, "next": "/people/"})
    assert response.headers["Location"] == "/people/"


def test_language_choice_is_remembered_for_the_person(app, make_user):
    user = make_user(language="sv")
    browser = app.test_client()
    login(browser, user)
    browser.post("/language", data={"language": "en", "next": "/"})
    assert "Hello," in browser.get("/").get_data(as_text=True)
    browser.post("/logout")
    # Another browser, same person: English follows the account.
    other = app.test_client()
    login(other, user)
    assert "Hello," in other.get("/").get_data(as_text=True)


def test_right_to_left_display_names_are_isolated(client, login_as):
    login_as("participant", display_name="زهرا")
    page = client.get("/").get_data(as_text=True)
    assert "<bdi>زهرا</bdi>" in page


def test_password_change_requires_the_current_password(client, login_as):
    login_as("participant")
    response = client.post("/account/password", data={"current_password": "not it at all",
                                                      "new_password": "brand new secret",
                                                      "repeat_password": "brand new secret"})
    assert response.status_code == 200 and "nuvarande lösenord" in response.get_data(as_text=True)
    mismatch = client.post("/account/password", data={"current_password": PASSWORD,
                                                      "new_password": "brand new secret",
                                                      "repeat_password": "another secret"})
    assert "inte lika" in mismatch.get_data(as_text=True)
