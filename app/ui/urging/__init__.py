"""The urging loop: letters, progress requests, collecting replies, the requests tracker."""
