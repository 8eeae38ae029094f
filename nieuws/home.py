"""The home page's news section: the latest three live, public news items."""

from .filters import live_news

HOME_COUNT = 3


def home_context(request):
    news = live_news().order_by("-date", "-pk")[:HOME_COUNT]
    return {
        "latest_news": list(news),
    }
