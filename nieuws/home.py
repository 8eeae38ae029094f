from .models import NewsPage, NieuwsIndexPage


def home_context(request):
    news = NewsPage.objects.live().public().defer_streamfields().select_related("image").order_by("-date", "-pk")[:3]
    return {
        "latest_news": list(news),
        "news_index": NieuwsIndexPage.objects.live().public().first(),
    }
