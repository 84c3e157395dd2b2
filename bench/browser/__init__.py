"""The browser pages in headless Chromium: time to interactive and page weight."""
