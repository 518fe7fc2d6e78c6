"""Pelican settings for the Briefing site. BRIEFING_* settings: plugins/briefing/settings.py."""
AUTHOR = "Briefing"
SITENAME = "Briefing"
SITE_DESCRIPTION = "Who is involved, what they said, and how the stories connect."
# The public address of the site, without a trailing slash, used in every link, the
# canonical URLs, feed, sitemap and API; "" serves the site from the root of any host
# (local preview). Sub-paths work: SITEURL = "https://example.org/briefing".
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = "."  # the project root: seeds/ and content/ are read from here
PAGE_PATHS = ["content/pages"]
ARTICLE_PATHS = []  # briefings are written by the briefing plugin, not as Pelican articles
STATIC_PATHS = []
IGNORE_FILES = [".*", "__pycache__", "*.pyc"]
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False  # `briefing build` renders into a temporary folder instead

THEME = "theme"
THEME_STATIC_DIR = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["briefing"]

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
SLUGIFY_SOURCE = "title"

# Every seed text is escaped: autoescape on for all templates (trusted HTML is Markup or |safe).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
