from .base import ReportTestCase


class DashboardTests(ReportTestCase):
    def test_coordinator_sees_own_table_figures(self):
        self.sign_in(self.coordinator)
        response = self.client.get("/reports/", {"table": self.table.pk})
        assert response.status_code == 200
        assert response.context["key"]["total"] == 13
        assert response.context["key"]["rejected"] is None  # one rejected: suppressed

    def test_dashboard_renders_every_panel_with_a_table_and_a_chart(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/", {"table": self.table.pk})
        html = response.content.decode()
        assert html.count("<caption>") == len(response.context["panels"])
        assert 'class="report-chart" src="/reports/charts/' in html  # drawn when asked for
        assert 'src="data:image/svg+xml;base64,' not in html
        assert "style=" not in html.split("<main", 1)[-1]

    def test_first_visit_shows_the_period_its_figures_use(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get("/reports/")
        assert response.context["form"]["period"].value() == "month"
        assert '<option value="month" selected>' in response.content.decode()
